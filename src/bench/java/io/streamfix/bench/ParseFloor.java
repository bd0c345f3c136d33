package io.streamfix.bench;

import io.streamfix.engine.Knowledge;
import io.streamfix.input.SymptomsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor of the batch benchmark: only reads and parses (and validates) every symptom file of a
 * folder, in parallel on all cores, with the same reader a diagnosis uses, and no rules compiled or
 * run: {@code ParseFloor RULES_DIR DIR}. Run as a whole process, its wall time is what a batch could
 * at best take; it prints the in-process time too.
 */
public final class ParseFloor {
    private ParseFloor() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Knowledge knowledge = Knowledge.read(Path.of(args[0]).resolve(Knowledge.FILE_NAME));
        SymptomsReader reader = new SymptomsReader(knowledge.errorCodes(), knowledge.fixes().keySet(),
                knowledge.causes().keySet());
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of(args[1]))) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        long parsed = files.parallelStream().map(reader::read).count();
        System.out.printf("parsed %d files in %.0f ms in-process%n", parsed, (System.nanoTime() - start) / 1e6);
    }
}
