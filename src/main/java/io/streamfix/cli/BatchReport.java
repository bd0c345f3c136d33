package io.streamfix.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.streamfix.input.InputProblem;
import io.streamfix.output.JsonOutput;
import io.streamfix.output.TextOutput;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the outcomes of {@code streamfix diagnose} in the chosen format, in input order:
 * <ul>
 *   <li>{@code text}: each diagnosis for people, under a {@code ==> file <==} heading when there are
 *       several inputs; the problems of a failed input go to stderr as {@code error: file:line:col: ...};</li>
 *   <li>{@code json}: one input gives its diagnosis object; several (or {@code --summary}) give
 *       {@code {"results": [...], "summary": {...}}}, written result by result as they come;</li>
 *   <li>{@code jsonl}: one line per input, {@code {"file", "diagnosis", "problems"}}, then with
 *       {@code --summary} a last line {@code {"summary": {...}}}.</li>
 * </ul>
 */
final class BatchReport {
    /**
     * One problem of a failed input, in a JSON record: the file is in the record already. A place that is
     * not known is left out, as in the service's errors, rather than written as 0 or "".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(Integer line, Integer column, String field, String message) {
        static Problem of(InputProblem p) {
            return new Problem(p.line() > 0 ? p.line() : null, p.column() > 0 ? p.column() : null,
                    p.field().isEmpty() ? null : p.field(), p.message());
        }
    }

    /** One input in JSON: {@code diagnosis} is null when it failed, {@code problems} empty when it was diagnosed. */
    record Result(String file, io.streamfix.model.Diagnosis diagnosis, List<Problem> problems) {
        static Result of(Outcome outcome) {
            return new Result(outcome.file(), outcome.diagnosis(),
                    outcome.problems().stream().map(Problem::of).toList());
        }
    }

    private final DiagnoseCommand.Format format;
    private final boolean several;
    private final BatchSummary summary;
    private final PrintWriter out;
    private final PrintWriter err;
    /** {@code json} of one input without a summary: its diagnosis, written at the end. */
    private Result single;
    /** {@code json} of several inputs: the document, open at its results list from the first one on. */
    private final ObjectWriter json = JsonOutput.pretty().streamingWriter();
    private JsonGenerator document;
    private final TextOutput text = new TextOutput();

    /**
     * @param several whether there is more than one input (headings in text, a results list in JSON)
     * @param summary the summary to count into and print at the end, or {@code null} for none
     */
    BatchReport(DiagnoseCommand.Format format, boolean several, BatchSummary summary, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.several = several;
        this.summary = summary;
        this.out = out;
        this.err = err;
    }

    /**
     * The part of the output that can be made on any thread (JSON lines): done by the batch's workers,
     * so that rendering runs in parallel too. {@code null} for formats rendered in {@link #write}.
     */
    String prerender(Outcome outcome) {
        return format == DiagnoseCommand.Format.jsonl ? JsonOutput.compact().render(Result.of(outcome)) : null;
    }

    /** Writes one outcome; called in input order. */
    void write(Outcome outcome, String prerendered) {
        if (summary != null) {
            summary.add(outcome);
        }
        if (!outcome.ok()) {
            writeProblems(outcome, err);
        }
        switch (format) {
            case jsonl -> out.println(prerendered);
            case json -> {
                if (several || summary != null) {
                    writeJson(() -> json.writeValue(document(), Result.of(outcome)));
                } else {
                    single = Result.of(outcome);
                }
            }
            case text -> {
                if (several) {
                    out.println("==> " + outcome.file() + " <==");
                }
                if (outcome.ok()) {
                    out.print(text.render(outcome.diagnosis()));
                }
                if (several) {
                    out.println();
                }
            }
        }
    }

    /** The JSON document of several inputs, opened at its results list on first use. */
    private JsonGenerator document() throws IOException {
        if (document == null) {
            document = json.createGenerator(out);
            document.writeStartObject();
            document.writeFieldName("results");
            document.writeStartArray();
        }
        return document;
    }

    private interface JsonWrite {
        void run() throws IOException;
    }

    private static void writeJson(JsonWrite write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of a failed input, one {@code error: file:line:col: ...} line each, as every batch command writes them. */
    static void writeProblems(Outcome outcome, PrintWriter err) {
        outcome.problems().forEach(p -> err.println("error: " + p.format()));
    }

    /** Writes what comes after the last input: the JSON document, the summary. */
    void finish() {
        switch (format) {
            case jsonl -> {
                if (summary != null) {
                    out.println(JsonOutput.compact().render(Map.of("summary", summary.toJson())));
                }
            }
            case json -> {
                if (!several && summary == null) {
                    if (single.diagnosis() != null) {
                        out.println(JsonOutput.pretty().render(single.diagnosis()));
                    }
                } else {
                    writeJson(() -> {
                        JsonGenerator open = document();
                        open.writeEndArray();
                        if (summary != null) {
                            open.writeFieldName("summary");
                            json.writeValue(open, summary.toJson());
                        }
                        open.writeEndObject();
                        open.flush();
                    });
                    out.println();
                }
            }
            case text -> {
                if (summary != null) {
                    out.print(summary.toText());
                }
            }
        }
        out.flush();
        err.flush();
    }
}
