package io.streamfix.learning;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomsReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a ticket history from files: symptom files ({@code *.yaml}, {@code *.yml}, {@code *.json}), one
 * ticket each, and {@code .jsonl} files, one JSON symptom document per line. Every ticket is checked as
 * a symptom file is; a bad one is reported with its place and skipped, and the others are read.
 *
 * <pre>{@code
 * History history = new HistoryReader(troubleshooter.reader())
 *         .read(List.of(Path.of("history/export.jsonl")), skipped -> skipped.forEach(System.err::println));
 * }</pre>
 *
 * <p>Thread-safe when its {@link SymptomsReader} is (it is).
 */
public final class HistoryReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final SymptomsReader reader;

    public HistoryReader(SymptomsReader reader) {
        this.reader = reader;
    }

    /** Whether a file is read as a ticket history: a symptom file or a {@code .jsonl} file. */
    public static boolean isTicketFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json") || name.endsWith(".jsonl"))
                && Files.isRegularFile(file);
    }

    /**
     * The tickets of the files, in order (a {@code .jsonl} file's in line order).
     *
     * @param files   files, not folders (the CLI expands folders)
     * @param skipped told the problems of each ticket that is skipped, all of one ticket at once
     */
    public History read(List<Path> files, Consumer<List<InputProblem>> skipped) {
        List<Ticket> tickets = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName() != null && file.getFileName().toString().endsWith(".jsonl")) {
                readLines(file, tickets, skipped);
            } else {
                try {
                    tickets.add(new Ticket(file.toString(), reader.read(file).symptoms()));
                } catch (InvalidSymptomsException e) {
                    skipped.accept(e.problems());
                }
            }
        }
        return new History(tickets);
    }

    private void readLines(Path file, List<Ticket> tickets, Consumer<List<InputProblem>> skipped) {
        String name = file.toString();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (!line.isBlank()) {
                    readLine(name, number, line, tickets, skipped);
                }
            }
        } catch (IOException e) {
            String reason = e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text"
                    : e instanceof java.nio.file.NoSuchFileException ? "it does not exist" : String.valueOf(e.getMessage());
            skipped.accept(List.of(new InputProblem(name, 0, 0, "", "cannot read the file: " + reason)));
        }
    }

    private void readLine(String file, int number, String line, List<Ticket> tickets, Consumer<List<InputProblem>> skipped) {
        Consumer<InputProblem> problem = one -> skipped.accept(List.of(one));
        if (line.length() > reader.limits().maxFileBytes()) {
            problem.accept(new InputProblem(file, number, 0, "", "the line is too long (" + line.length()
                    + " characters; at most " + reader.limits().maxFileBytes() + ")"));
            return;
        }
        Object document;
        try {
            document = JSON.readValue(line, Object.class);
        } catch (JsonProcessingException e) {
            problem.accept(new InputProblem(file, number, e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    "", "JSON syntax error: " + e.getOriginalMessage()));
            return;
        }
        if (!(document instanceof Map<?, ?> map)) {
            problem.accept(new InputProblem(file, number, 1, "",
                    "expected a JSON object (a symptom document), got " + (document == null ? "null" : "a " + kind(document))));
            return;
        }
        String source = file + ":" + number;
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) map;
            tickets.add(new Ticket(source, reader.fromMap(source, fields).symptoms()));
        } catch (InvalidSymptomsException e) {
            // The reader knows the field but not the line: put the line back in.
            skipped.accept(e.problems().stream().map(p -> new InputProblem(file, number, 0, p.field(), p.message())).toList());
        }
    }

    private static String kind(Object value) {
        return value instanceof List<?> ? "list" : value instanceof String ? "string" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
