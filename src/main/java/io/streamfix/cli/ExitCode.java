package io.streamfix.cli;

/** The exit codes of every streamfix command; the README lists them too. */
public final class ExitCode {
    /** The command did its job (a diagnosis was made, the rules are clean). */
    public static final int OK = 0;
    /** {@code streamfix test}: at least one expectation failed. Also an internal error. */
    public static final int FAILED = 1;
    /** Bad input or usage: a symptom file or an option is wrong. */
    public static final int BAD_INPUT = 2;
    /** The rules do not compile, their data is wrong, or a rule failed while running. */
    public static final int RULES_BROKEN = 3;
    /** The case store ({@code --cases}) cannot be opened or used: unreachable, not a database, a newer schema. */
    public static final int CASES_UNAVAILABLE = 4;

    private ExitCode() {
    }
}
