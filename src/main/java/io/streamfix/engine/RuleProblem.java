package io.streamfix.engine;

/**
 * One problem in a rules folder: a DRL compile error or a fault in the knowledge data.
 *
 * @param file    the file, as given (e.g. {@code rules/evidence.drl})
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param message what is wrong
 * @param warning true for a warning, which does not stop the rules from loading
 */
public record RuleProblem(String file, int line, int column, String message, boolean warning) {

    /** An error. */
    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, message, false);
    }

    /** {@code file:line:col: message}, the form editors and CI logs understand. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + (warning ? "warning: " : "") + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
