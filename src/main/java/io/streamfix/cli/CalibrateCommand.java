package io.streamfix.cli;

import io.streamfix.ExampleCheck;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.RuleProblem;
import io.streamfix.engine.RulesCheck;
import io.streamfix.learning.CalibrationRun;
import io.streamfix.learning.FiguresText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code streamfix calibrate}: fits the numbers of the rules to a ticket history, into a new folder. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Fits the rules' numbers to a ticket history and writes a complete new rules folder.",
                "",
                "The numbers are the base rates, likelihood ratios of the evidence rules, each fix's chance of "
                + "resolving each cause it addresses, and its minutes. The method is EM over each ticket's hidden "
                + "cause (naive Bayes; observed: the evidence rules that fire for its facts and each attempt's "
                + "result), with the shipped numbers as a prior, so a number the history says little about stays. "
                + "Only numbers change, in place, each with a comment saying it was calibrated.",
                "",
                "Every 5th ticket is held back: the figures of evaluate on them are printed before and after. "
                + "The same history gives the same numbers."},
        footer = {"", "Examples:",
                "  streamfix calibrate history/ --out rules-calibrated",
                "  diff -ru rules rules-calibrated     # the change, as data",
                "", "Exit codes: 0 written, 2 some tickets could not be read (the rest were used) or bad usage, "
                + "3 rules broken, or the new folder fails check."})
public final class CalibrateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "HISTORY", arity = "1..*",
            description = "Ticket history: folders (recursively *.yaml, *.yml, *.json, *.jsonl), symptom files, .jsonl files.")
    List<Path> history;

    @Option(names = "--out", required = true, paramLabel = "NEWDIR",
            description = "Where to write the calibrated rules folder (must not exist, or be empty).")
    Path out;

    @Option(names = "--hold-back", defaultValue = "5", paramLabel = "N",
            description = "Hold back every N-th ticket from the fit, to evaluate on (default: ${DEFAULT-VALUE}; 0 fits on all).")
    int holdBack;

    @Option(names = "--facts", defaultValue = "facts", paramLabel = "DIR",
            description = "Example cases to run streamfix test on with the new folder, when the folder exists (default: ${DEFAULT-VALUE}).")
    Path facts;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (holdBack == 1 || holdBack < 0) {
            throw new ParameterException(spec.commandLine(), "--hold-back must be 0 or at least 2, was " + holdBack);
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " exists and is not an empty folder: "
                    + "calibrate writes a new folder, so that the change can be compared and reviewed");
        }
        Troubleshooter shipped = rules.load();
        PrintWriter text = spec.commandLine().getOut();
        HistoryInputs inputs = HistoryInputs.read(history, shipped, spec);
        long start = System.nanoTime();
        CalibrationRun run = CalibrationRun.run(shipped, rules.folder, inputs.history(), out, holdBack);
        text.printf(Locale.ROOT, "Calibrated %s from %d tickets (%d held back) in %.1f s: EM, %d iterations, "
                        + "log-likelihood %.1f.%n", rules.folder, run.training(), run.heldBack(),
                (System.nanoTime() - start) / 1e9, run.fit().iterations(), run.fit().logLikelihood());
        text.printf("%nWrote %s: %d numbers changed%n", out, run.changes().size());
        run.changes().forEach(change -> text.println("  " + change));

        List<RuleProblem> problems = RulesCheck.run(out);
        long errors = problems.stream().filter(p -> !p.warning()).count();
        text.printf("%ncheck %s: %s (%d errors, %d warnings)%n", out, errors > 0 ? "not clean" : "clean",
                errors, problems.size() - errors);
        problems.forEach(p -> text.println("  " + p.format()));
        if (errors == 0 && Files.isDirectory(facts)) {
            test(Troubleshooter.load(out), text);
        }
        if (run.before() != null) {
            text.printf("%nevaluate on the %d held-back tickets:%n", run.heldBack());
            text.print(FiguresText.sideBySide("before", run.before(), "after", run.after()));
        }
        text.flush();
        if (errors > 0) {
            return ExitCode.RULES_BROKEN;
        }
        return inputs.failed() > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    /** streamfix test on the example cases: a case whose expectation the new numbers change is listed, not fatal. */
    private void test(Troubleshooter calibrated, PrintWriter text) {
        int passed = 0;
        List<Path> files = ExampleCheck.files(List.of(facts));
        StringBuilder differs = new StringBuilder();
        for (Path file : files) {
            ExampleCheck.Result result = ExampleCheck.run(calibrated, file);
            switch (result.outcome()) {
                case PASSED -> passed++;
                case FAILED, INVALID -> {
                    differs.append("  differs: ").append(file).append('\n');
                    result.details().forEach(d -> differs.append("    ").append(d).append('\n'));
                }
                case SKIPPED -> { }
            }
        }
        text.printf("test %s with %s: %d of %d cases agree%n", facts, out, passed, files.size());
        text.print(differs);
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
