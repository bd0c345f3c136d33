package io.streamfix.cli;

import io.streamfix.cases.CaseStoreException;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.RulesException;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.output.Printable;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;

/** The {@code streamfix} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code; what tests call. */
    public static int run(String... args) {
        String named = subcommandNamed(args);
        quietLogging(Arrays.asList(args).contains("--debug"), named);
        CommandLine cli = new CommandLine(new StreamfixCommand());
        for (Class<?> subcommand : StreamfixCommand.SUBCOMMANDS) {
            if (named == null || named.equals(nameOf(subcommand))) {
                cli.addSubcommand(subcommand);
            }
        }
        cli.setExecutionExceptionHandler(Main::report);
        cli.setParameterExceptionHandler(Main::usageError);
        // Help is wrapped once, by picocli, to the terminal's width (80 columns when it cannot tell):
        // the descriptions are whole paragraphs, never lines broken by hand.
        cli.setUsageHelpAutoWidth(true);
        return cli.execute(args);
    }

    /**
     * The subcommand a command line names, when it names one that exists: its first argument that is not a
     * top-level option ({@code --debug}, {@code --help}, {@code --version}). {@code null} otherwise (no
     * subcommand, {@code help}, a typo): then every subcommand is added, for the overview or a suggestion.
     */
    private static String subcommandNamed(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                boolean known = StreamfixCommand.SUBCOMMANDS.stream().anyMatch(c -> nameOf(c).equals(arg));
                return known && !arg.equals("help") ? arg : null;
            }
        }
        return null;
    }

    private static String nameOf(Class<?> subcommand) {
        return subcommand.getAnnotation(CommandLine.Command.class).name();
    }

    /**
     * A usage mistake: the error, the command's usage line and where the manual is, not the whole manual.
     * Exit code 2.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print("Usage: " + command.getHelp().synopsis("Usage: ".length()));
        String name = command.getCommandSpec().qualifiedName().replaceFirst("^streamfix ?", "");
        err.println("See 'streamfix help" + (name.isEmpty() ? "" : " " + name) + "' for the options and examples.");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    /**
     * A normal run prints nothing from Drools, Javalin or Jetty: their log would repeat, less readably,
     * what streamfix reports itself. {@code --debug} shows it. The one log kept is the service's own
     * ({@code streamfix serve}: startup, rules reloaded or broken, internal errors), with timestamps.
     * Set before the first logger is created. Only a log that is shown has timestamps: their format is
     * made when the first logger is, and loads the locale data, a few percent of a cold {@code diagnose}.
     */
    private static void quietLogging(boolean debug, String command) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.log.io.streamfix.server", debug ? "debug" : "info");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (debug || command == null || command.equals("serve")) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    }

    /** Turns the errors a user can cause into messages and exit codes; anything else is a bug. */
    private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean debug = parsed.hasMatchedOption("--debug")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        int code;
        if (e instanceof InvalidSymptomsException invalid) {
            invalid.problems().forEach(p -> err.println("error: " + p.format()));
            code = ExitCode.BAD_INPUT;
        } else if (e instanceof RulesException broken) {
            err.println("error: the rules cannot be loaded:");
            broken.problems().forEach(p -> err.println("  " + Printable.escape(p.format(debug))));
            code = ExitCode.RULES_BROKEN;
        } else if (e instanceof CaseStoreException.NoSuchCase missing) {
            err.println("error: " + missing.getMessage() + " (streamfix cases list shows the cases kept)");
            code = ExitCode.BAD_INPUT;
        } else if (e instanceof CaseStoreException store) {
            err.println("error: " + store.getMessage());
            code = ExitCode.CASES_UNAVAILABLE;
        } else if (e instanceof RuleFault fault) {
            err.println("error: " + Printable.escape(fault.getMessage()));
            code = ExitCode.RULES_BROKEN;
        } else {
            // The exception's type is for the stack trace (--debug); the message is what a person reads.
            String message = e.getMessage() == null || e.getMessage().isBlank() ? "streamfix stopped unexpectedly" : e.getMessage();
            err.println("internal error: " + Printable.escape(message) + " (run with --debug for the details, and please report it)");
            code = ExitCode.FAILED;
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
