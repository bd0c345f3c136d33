package io.streamfix.engine;

/**
 * One problem in a rules folder: a DRL compile error or a fault in the knowledge data.
 *
 * @param file    the file, as given (e.g. {@code rules/evidence.drl})
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong
 * @param warning true for a warning, which does not stop the rules from loading
 * @param raw     what Drools or the YAML reader said, when {@code message} puts it in other words
 *                ({@code --debug} shows it); {@code null} otherwise
 */
public record RuleProblem(String file, int line, int column, String message, boolean warning, String raw) {

    /** A problem found by streamfix itself, in its own words. */
    public RuleProblem(String file, int line, int column, String message, boolean warning) {
        this(file, line, column, message, warning, null);
    }

    /** An error. */
    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, message, false);
    }

    /**
     * {@code file:line:col: message}, the form editors and CI logs understand; an unknown line or column
     * is left out rather than printed as 0.
     */
    public String format() {
        String place = line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "";
        return file + place + ": " + (warning ? "warning: " : "") + message;
    }

    /** {@link #format()}, and with {@code debug} the original text of the tool that found it. */
    public String format(boolean debug) {
        return debug && raw != null && !raw.equals(message) ? format() + "\n    (raw: " + raw + ")" : format();
    }

    @Override
    public String toString() {
        return format();
    }
}
