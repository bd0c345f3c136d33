package io.streamfix.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.List;

/**
 * The top-level {@code streamfix} command: only subcommands and the shared options. The subcommands are
 * added by {@link Main}, only the one named when a command line names one: picocli reads every option
 * of every command it is given before it parses anything, a fifth of a cold {@code diagnose}'s time.
 */
@Command(name = "streamfix", mixinStandardHelpOptions = true, version = "streamfix 0.1.0",
        description = {"Troubleshoots streaming errors (Netflix NSEZ-403) with a rule-based expert system.",
                "Describe the symptoms in a YAML file; streamfix names the likely causes and the next fix to try."},
        footer = {"", "Exit codes: 0 done, 1 test failures, 2 bad input or usage, 3 rules broken.",
                "Examples: streamfix diagnose facts/vpn-active-phone.yaml",
                "          streamfix serve   (service and agent page at http://127.0.0.1:8403/)"})
public final class StreamfixCommand {
    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(DiagnoseCommand.class, ConsultCommand.class,
            CheckCommand.class, TestCommand.class, ServeCommand.class, CasesCommand.class, EvaluateCommand.class,
            CalibrateCommand.class, CompareCommand.class, SimulateCommand.class, TokenCommand.class,
            picocli.CommandLine.HelpCommand.class);

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces and the rule engine's log on errors.")
    boolean debug;
}
