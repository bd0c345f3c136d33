package io.streamfix.cli;

import io.streamfix.ExampleCheck;
import io.streamfix.ExampleCheck.Outcome;
import io.streamfix.ExampleCheck.Result;
import io.streamfix.Troubleshooter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
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
                "  streamfix test                      # every file in ./facts",
                "  streamfix test --rules my-rules my-cases/ extra-case.yaml",
                "", "Exit codes: 0 all passed, 1 some failed, 2 a file could not be read, 3 rules broken."})
public final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "facts",
            description = "Symptom files or folders of them (default: ${DEFAULT-VALUE}).")
    List<Path> paths;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Troubleshooter troubleshooter = rules.load();
        PrintWriter out = spec.commandLine().getOut();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Path file : ExampleCheck.files(paths)) {
            Result result = ExampleCheck.run(troubleshooter, file);
            counts.merge(result.outcome(), 1, Integer::sum);
            out.println(label(result.outcome()) + " " + file);
            result.details().forEach(detail -> out.println("       " + detail));
        }
        int failed = counts.getOrDefault(Outcome.FAILED, 0) + counts.getOrDefault(Outcome.INVALID, 0);
        out.println(counts.getOrDefault(Outcome.PASSED, 0) + " passed, " + failed + " failed"
                + (counts.containsKey(Outcome.SKIPPED) ? ", " + counts.get(Outcome.SKIPPED) + " skipped" : ""));
        out.flush();
        if (counts.containsKey(Outcome.INVALID)) {
            return ExitCode.BAD_INPUT;
        }
        return failed > 0 ? ExitCode.FAILED : ExitCode.OK;
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
