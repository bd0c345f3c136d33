package io.streamfix.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.FixResult;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a ticket history from a population (the format of `streamfix evaluate` and `calibrate`): one
 * symptom document per simulated viewer, with the facts the viewer reported and, under {@code tried:},
 * each attempt in the order made with its {@code result} and {@code minutes}. The support desk follows
 * a {@link Policy}; after each failed fix the viewer gives up with probability {@code giveUp} (the
 * ticket is then abandoned: no attempt helped and not every fix was tried); a ticket the policy
 * escalates also ends with every attempt failed. The escalation itself is not an attempt.
 *
 * <pre>{@code
 * HistoryWriter.Summary written = new HistoryWriter(population, reader, new FixedOrderPolicy(knowledge), 0.1, 7)
 *         .write(3000, Path.of("history.jsonl"), true, null);
 * }</pre>
 */
public final class HistoryWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Population population;
    private final SymptomsReader reader;
    private final Policy policy;
    private final double giveUp;
    private final long seed;

    /**
     * @param giveUp P(the viewer gives up after a failed fix), 0..1
     * @param seed   the seed of the viewers and of their giving up
     */
    public HistoryWriter(Population population, SymptomsReader reader, Policy policy, double giveUp, long seed) {
        if (!(giveUp >= 0 && giveUp <= 1)) {
            throw new IllegalArgumentException("the chance of giving up must be between 0 and 1: " + giveUp);
        }
        this.population = population;
        this.reader = reader;
        this.policy = policy;
        this.giveUp = giveUp;
        this.seed = seed;
    }

    /**
     * How many tickets ended each way.
     *
     * @param tickets   tickets written
     * @param resolved  the last attempt helped
     * @param escalated every attempt failed and the desk escalated
     * @param abandoned the viewer gave up
     */
    public record Summary(int tickets, int resolved, int escalated, int abandoned) {
    }

    /** The tickets as symptom documents, in viewer order. */
    public List<Map<String, Object>> tickets(int count) {
        List<Map<String, Object>> tickets = new ArrayList<>();
        play(count, true, tickets, new ArrayList<>());
        return tickets;
    }

    /**
     * Writes {@code count} tickets: to a {@code .jsonl} file (one JSON document a line), or else into the
     * folder {@code out} as {@code ticket-00001.yaml}, … (created if needed).
     *
     * @param withMinutes whether each attempt carries its {@code minutes}
     * @param truth       where to write each ticket's true cause ({@code ticket,cause} lines: the line
     *                    number of a {@code .jsonl} file or the file name), for tests of calibration;
     *                    {@code null} for none
     */
    public Summary write(int count, Path out, boolean withMinutes, Path truth) throws IOException {
        List<Map<String, Object>> tickets = new ArrayList<>();
        List<String> causes = new ArrayList<>();
        Summary summary = play(count, withMinutes, tickets, causes);
        List<String> names = new ArrayList<>();
        if (out.getFileName().toString().endsWith(".jsonl")) {
            createParent(out);
            try (BufferedWriter writer = Files.newBufferedWriter(out)) {
                for (int i = 0; i < tickets.size(); i++) {
                    writer.write(JSON.writeValueAsString(tickets.get(i)));
                    writer.newLine();
                    names.add(String.valueOf(i + 1));
                }
            }
        } else {
            Files.createDirectories(out);
            int digits = Math.max(5, String.valueOf(count).length());
            for (int i = 0; i < tickets.size(); i++) {
                String name = String.format("ticket-%0" + digits + "d.yaml", i + 1);
                Files.writeString(out.resolve(name), SymptomDocument.toYaml(tickets.get(i)));
                names.add(name);
            }
        }
        if (truth != null) {
            createParent(truth);
            List<String> lines = new ArrayList<>(List.of("ticket,cause"));
            for (int i = 0; i < names.size(); i++) {
                lines.add(names.get(i) + "," + causes.get(i));
            }
            Files.write(truth, lines);
        }
        return summary;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private Summary play(int count, boolean withMinutes, List<Map<String, Object>> tickets, List<String> causes) {
        ViewerGenerator generator = new ViewerGenerator(population, seed);
        int resolved = 0;
        int escalated = 0;
        int abandoned = 0;
        for (int id = 0; id < count; id++) {
            Viewer viewer = generator.viewer(id);
            Symptoms reported = reader.fromMap("viewer " + id, viewer.document()).symptoms();
            SplittableRandom patience = ViewerGenerator.randomFor(seed, id, 1);
            Replay.Case played = Replay.play(policy, viewer, reported, failures -> patience.nextDouble() < giveUp);
            switch (played.ending()) {
                case RESOLVED -> resolved++;
                case ABANDONED -> abandoned++;
                default -> escalated++;
            }
            tickets.add(ticket(reported, played, withMinutes));
            causes.add(viewer.cause());
        }
        return new Summary(count, resolved, escalated, abandoned);
    }

    private static Map<String, Object> ticket(Symptoms reported, Replay.Case played, boolean withMinutes) {
        List<TriedFix> tried = new ArrayList<>();
        for (Replay.Attempt attempt : played.attempts()) {
            tried.add(new TriedFix(attempt.fix(), attempt.helped() ? FixResult.HELPED : FixResult.FAILED,
                    withMinutes ? Math.round(attempt.minutes() * 10) / 10.0 : null));
        }
        return SymptomDocument.toMap(new Symptoms(reported.errorCode(), reported.device(), reported.network(),
                reported.observations(), tried));
    }
}
