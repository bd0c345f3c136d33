package io.streamfix.input;

import io.streamfix.output.Printable;

import java.util.Objects;

/**
 * One thing wrong with a symptom file, located as precisely as the input allows.
 *
 * <pre>{@code
 * new InputProblem("facts/x.yaml", 7, 8, "network.dns",
 *         "\"automatc\" is not one of automatic, manual — did you mean automatic?").format();
 * // facts/x.yaml:7:8: network.dns: "automatc" is not one of automatic, manual — did you mean automatic?
 * }</pre>
 *
 * @param source  where the input came from: a file name, or e.g. {@code <request>}
 * @param line    1-based line, 0 when unknown (e.g. for input given as a map)
 * @param column  1-based column, 0 when unknown
 * @param field   the path of the field, e.g. {@code network.dns} or {@code tried[2].fix}; empty for the
 *                whole document
 * @param message what is wrong, what was expected and, when there is one, a close match
 */
public record InputProblem(String source, int line, int column, String field, String message) {

    public InputProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
    }

    /**
     * {@code source:line:column: field: message}, the form editors and CI logs understand, on one line:
     * control and bidirectional characters are escaped ({@link Printable}). An unknown
     * line or column and an empty field are left out rather than printed as 0 or blank.
     *
     * @return e.g. {@code facts/x.yaml:7:8: network.dns: "automatc" is not one of automatic, manual}
     */
    public String format() {
        StringBuilder out = new StringBuilder(Printable.escape(source));
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ");
        if (!field.isEmpty()) {
            out.append(Printable.escape(field)).append(": ");
        }
        return out.append(Printable.escape(message)).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
