package io.streamfix.cli;

import io.streamfix.ExampleCheck;
import io.streamfix.ExampleCheck.Outcome;
import io.streamfix.ExampleCheck.Result;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.TimeBudget;
import io.streamfix.output.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code streamfix test}: runs example symptom files against the outcome each one expects. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Tests the rules against symptom files that state their expected outcome.",
                "",
                "Runs every file that has an expect: block through the rules and reports pass or fail per file, "
                + "with how the diagnosis differs from what the file expects. Files without expect: are skipped. "
                + "Ends with a line like \"14 passed, 0 failed\"."},
        footer = {"", "Examples:",
                "  streamfix test                  # the facts/ beside the rules",
                "  streamfix test --rules my-rules my-cases/ extra-case.yaml",
                "", "Exit codes: 0 all passed, 1 some failed, 2 a file could not be read, 3 rules broken, a rule failed or ran "
                + "past --time-budget (the other files are still tested)."})
public final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Symptom files or folders of them (default: the facts/ folder beside the rules folder, "
                    + "so that the default rules and the default cases agree from any folder).")
    List<Path> paths;

    @Mixin
    RulesOption rules;

    @Mixin
    TimeBudgetOption timeBudget;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> inputs = paths == null || paths.isEmpty() ? List.of(defaultFacts()) : paths;
        Troubleshooter troubleshooter = rules.load();
        PrintWriter out = spec.commandLine().getOut();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        TimeBudget budget = timeBudget.budget();
        int broken = 0;
        for (Path file : ExampleCheck.files(inputs)) {
            Result result;
            try {
                result = budget.run(() -> ExampleCheck.run(troubleshooter, file));
            } catch (RuleFault e) {
                // A rule that fails or runs past the budget: this file says nothing, the others still run.
                broken++;
                out.println(label(Outcome.INVALID) + " " + file);
                out.println("       " + Printable.escape(e.getMessage()));
                continue;
            }
            counts.merge(result.outcome(), 1, Integer::sum);
            out.println(label(result.outcome()) + " " + file);
            result.details().forEach(detail -> out.println("       " + detail));
        }
        int failed = counts.getOrDefault(Outcome.FAILED, 0) + counts.getOrDefault(Outcome.INVALID, 0) + broken;
        out.println(counts.getOrDefault(Outcome.PASSED, 0) + " passed, " + failed + " failed"
                + (counts.containsKey(Outcome.SKIPPED) ? ", " + counts.get(Outcome.SKIPPED) + " skipped" : ""));
        out.flush();
        if (broken > 0) {
            return ExitCode.RULES_BROKEN;
        }
        if (counts.containsKey(Outcome.INVALID)) {
            return ExitCode.BAD_INPUT;
        }
        return failed > 0 ? ExitCode.FAILED : ExitCode.OK;
    }

    /**
     * The {@code facts/} folder beside the rules folder (the launcher's rules are the project's, so its
     * facts are too), shown relative to the current folder when it is below it.
     *
     * @throws ParameterException (exit code 2) when there is no such folder
     */
    private Path defaultFacts() {
        Path rulesFolder = rules.folder.toAbsolutePath().normalize();
        Path facts = (rulesFolder.getParent() == null ? rulesFolder : rulesFolder.getParent()).resolve("facts");
        if (!Files.isDirectory(facts)) {
            throw new ParameterException(spec.commandLine(), "no facts/ folder beside the rules folder " + rules.folder
                    + " (looked for " + facts + "); name the symptom files or folders to test");
        }
        Path here = Path.of("").toAbsolutePath();
        return facts.startsWith(here) ? here.relativize(facts) : facts;
    }

    private static String label(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> "pass ";
            case FAILED -> "FAIL ";
            case SKIPPED -> "skip ";
            case INVALID -> "ERROR";
        };
    }
}
