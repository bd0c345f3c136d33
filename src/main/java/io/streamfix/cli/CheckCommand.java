package io.streamfix.cli;

import io.streamfix.engine.RuleProblem;
import io.streamfix.engine.RulesCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code streamfix check}: compiles the rules and checks their data, without diagnosing anything. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a rules folder: compiles the DRL and checks the knowledge data.",
                "",
                "Reports each problem as file:line:col: message - DRL compile errors, data errors, a fix or cause "
                + "a rule names that the data lacks, a cause no rule gives evidence for, a rule name used twice, "
                + "a rule outside the rule groups - and warnings (a fix without steps, a rule without a comment "
                + "citing its source). The errors are the ones that stop diagnose, serve and --watch from loading "
                + "the rules. --debug adds the rule engine's own text to each message."},
        footer = {"", "Examples:",
                "  streamfix check",
                "  streamfix check --rules ~/team-rules --strict",
                "", "Exit codes: 0 clean (warnings allowed unless --strict), 3 problems found."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--strict", description = "Fail on warnings too.")
    boolean strict;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @ParentCommand
    StreamfixCommand parent;

    @Override
    public Integer call() {
        List<RuleProblem> problems = RulesCheck.run(rules.folder);
        PrintWriter out = spec.commandLine().getOut();
        problems.forEach(problem -> out.println(problem.format(parent.debug)));
        long errors = problems.stream().filter(p -> !p.warning()).count();
        long warnings = problems.size() - errors;
        boolean failed = errors > 0 || (strict && warnings > 0);
        out.println(rules.folder + ": " + (failed ? "not clean" : "clean") + " (" + errors + " errors, "
                + warnings + " warnings)");
        out.flush();
        return failed ? ExitCode.RULES_BROKEN : ExitCode.OK;
    }
}
