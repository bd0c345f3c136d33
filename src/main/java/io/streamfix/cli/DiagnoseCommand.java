package io.streamfix.cli;

import io.streamfix.ReloadListener;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.Deadline;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.RulesException;
import io.streamfix.input.InputLimits;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Explanation;
import io.streamfix.model.Symptoms;
import io.streamfix.output.ExplanationText;
import io.streamfix.output.JsonOutput;
import io.streamfix.output.TextOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code streamfix diagnose FILE|FOLDER...}: the likely causes and the next fix, for one case or a batch. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnoses symptom files: the likely causes and the next fix to try.",
                "",
                "Shows each cause with its confidence and evidence, the next fix with the steps for the device, "
                + "the rest of the plan, and the escalation when nothing is left. For one file it also lists the "
                + "questions whose answers could change the advice, best first.",
                "",
                "Takes any number of files and folders (a folder: its *.yaml and *.yml files), or - for standard "
                + "input; they are diagnosed in parallel on every core and written in the order given. A bad file "
                + "is reported and the others are still diagnosed. The files' expect: blocks are ignored."},
        footer = {"", "Examples:",
                "  streamfix diagnose facts/vpn-active-phone.yaml",
                "  streamfix diagnose --format json facts/outage-reported.yaml",
                "  streamfix diagnose --explain facts/router-vpn-tv.yaml",
                "  streamfix diagnose --watch facts/vpn-active-phone.yaml",
                "  streamfix diagnose --summary facts/",
                "  streamfix diagnose --format jsonl tickets/ > out.jsonl",
                "  cat case.yaml | streamfix diagnose -",
                "", "Exit codes: 0 every input diagnosed, 2 bad input or usage (some inputs failed; the others are "
                + "still written), 3 rules broken or a rule failed."})
public final class DiagnoseCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, jsonl }

    /** The input name that means standard input. */
    private static final String STDIN = "-";

    /** How many causes --explain explains: the ones the text output shows. */
    private static final int TOP_CAUSES = 3;

    @Parameters(paramLabel = "FILE|FOLDER", arity = "1..*",
            description = "YAML symptom files (see the README for the format), folders of them, or - for standard input.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "jsonl writes one line per input: {\"file\", \"diagnosis\", \"problems\"}.")
    Format format;

    @Option(names = "--summary",
            description = "Add counts across the inputs: statuses, top causes, next fixes "
                    + "(a table in text, a \"summary\" object in JSON).")
    boolean summary;

    @Option(names = "--max-input-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = ByteSize.class,
            description = "Largest symptom file read, e.g. 2MiB or 500000 (default: ${DEFAULT-VALUE}); larger files "
                    + "are refused (exit code 2) before they are read.")
    long maxInputSize;

    @Mixin
    TimeBudgetOption timeBudget;

    @Option(names = "--explain",
            description = "One file: also show how the top causes were reached: each fact, the rule that used it "
                    + "and the evidence it gave.")
    boolean explain;

    @Option(names = "--watch", description = "One file: keep running, watch the rules folder and print a fresh "
            + "diagnosis after each edit that compiles (an edit that does not is reported, and the last good "
            + "rules stay). Stop with Ctrl-C.")
    boolean watch;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        List<Path> files = BatchInputs.expand(inputs);
        boolean batch = files.size() > 1 || inputs.stream().anyMatch(Files::isDirectory)
                || format == Format.jsonl || summary;
        if (batch && (watch || explain)) {
            throw new ParameterException(spec.commandLine(),
                    "--watch and --explain take one file in text or json, without --summary");
        }
        if (watch && files.get(0).toString().equals(STDIN)) {
            throw new ParameterException(spec.commandLine(), "--watch re-reads its file after each edit: give a file, not -");
        }
        if (watch) {
            return watch(files.get(0));
        }
        Troubleshooter troubleshooter = rules.load();
        if (!batch) {
            print(troubleshooter, files.get(0));
            return ExitCode.OK;
        }
        return batch(troubleshooter, files);
    }

    private SymptomsReader reader(Troubleshooter troubleshooter) {
        return troubleshooter.reader().withLimits(InputLimits.DEFAULT.withMaxFileBytes(maxInputSize));
    }

    /** One case: worth the extra runs of the rules that rank the questions. */
    private void print(Troubleshooter troubleshooter, Path file) {
        Symptoms symptoms = read(reader(troubleshooter), file).symptoms();
        record Explained(Diagnosis diagnosis, List<Explanation> explanation) {
        }
        Explained explained = timeBudget.budget().run(() -> {
            Diagnosis found = troubleshooter.diagnoseWithQuestions(symptoms);
            return new Explained(found, explain ? troubleshooter.explain(symptoms, found, TOP_CAUSES) : null);
        });
        Diagnosis diagnosis = explained.diagnosis();
        List<Explanation> explanation = explained.explanation();
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            JsonOutput json = JsonOutput.pretty();
            out.println(explain ? json.render(diagnosis, explanation) : json.render(diagnosis));
        } else {
            out.print(new TextOutput().render(diagnosis));
            if (explain) {
                out.print(new ExplanationText().render(explanation));
            }
        }
        out.flush();
    }

    /** A symptom file, or standard input for "-". */
    private static SymptomCase read(SymptomsReader reader, Path file) {
        return file.toString().equals(STDIN) ? reader.read("<stdin>", System.in) : reader.read(file);
    }

    /** Many cases: in parallel, without questions (one run of the rules each), written in input order. */
    private int batch(Troubleshooter troubleshooter, List<Path> files) {
        SymptomsReader reader = reader(troubleshooter);
        boolean several = files.size() > 1 || inputs.stream().anyMatch(Files::isDirectory);
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
        BatchReport report = new BatchReport(format, several, summary ? new BatchSummary() : null,
                out, spec.commandLine().getErr());
        int[] exitCode = {ExitCode.OK};
        record Written(Outcome outcome, String prerendered) {
        }
        BatchRunner.onAllCores().run(files, timeBudget.budget(),
                (file, deadline) -> {
                    Outcome outcome = diagnose(troubleshooter, reader, deadline, file);
                    return new Written(outcome, report.prerender(outcome));
                },
                (file, timeout) -> {
                    Outcome outcome = ruleFailed(file.toString(), timeout);
                    return new Written(outcome, report.prerender(outcome));
                },
                written -> {
                    report.write(written.outcome(), written.prerendered());
                    exitCode[0] = Math.max(exitCode[0], written.outcome().exitCode());
                });
        report.finish();
        return exitCode[0];
    }

    /** One input, its failures turned into an outcome so that the rest of the batch goes on. */
    private static Outcome diagnose(Troubleshooter troubleshooter, SymptomsReader reader, Deadline deadline,
                                    Path file) {
        String name = file.toString();
        java.util.Optional<String> notAFile = BatchInputs.whyNotAFile(file);
        if (notAFile.isPresent()) {
            return Outcome.failed(name, List.of(new InputProblem(name, 0, 0, "", notAFile.get())), ExitCode.BAD_INPUT);
        }
        if (Files.isDirectory(file)) {
            return Outcome.failed(name, List.of(new InputProblem(name, 0, 0, "",
                    "a folder without *.yaml or *.yml files")), ExitCode.BAD_INPUT);
        }
        try {
            Symptoms symptoms = read(reader, file).symptoms();
            return Outcome.diagnosed(name, deadline.run(() -> troubleshooter.diagnose(symptoms)));
        } catch (InvalidSymptomsException e) {
            return Outcome.failed(name, e.problems(), ExitCode.BAD_INPUT);
        } catch (RuleFault e) {
            return ruleFailed(name, e);
        }
    }

    /** A file on which a rule failed or ran past the time budget: the batch reports it and goes on. */
    private static Outcome ruleFailed(String name, RuleFault fault) {
        return Outcome.failed(name, List.of(new InputProblem(name, 0, 0, "", fault.getMessage())), ExitCode.RULES_BROKEN);
    }

    /** Diagnoses again after every edit of the rules that compiles, until stopped. */
    private int watch(Path file) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Troubleshooter[] watched = new Troubleshooter[1];
        ReloadListener listener = new ReloadListener() {
            @Override
            public void reloaded(KnowledgeBase fresh) {
                out.println("--- rules reloaded (version " + fresh.version().substring(0, 12) + ") ---");
                try {
                    print(watched[0], file);
                } catch (InvalidSymptomsException e) {
                    e.problems().forEach(p -> err.println("error: " + p.format()));
                    err.flush();
                }
            }

            @Override
            public void restored(KnowledgeBase rules) {
                out.println("--- the rules load again (the bad edit was undone; version " + rules.version().substring(0, 12)
                        + " is still in force) ---");
                out.flush();
            }

            @Override
            public void failed(RulesException error) {
                err.println("error: the edited rules do not load; the previous rules stay in force:");
                error.problems().forEach(p -> err.println("  " + p.format()));
                err.flush();
            }
        };
        try (Troubleshooter troubleshooter = Troubleshooter.watch(rules.folder, listener)) {
            watched[0] = troubleshooter;
            print(troubleshooter, file);
            out.println("--- watching " + rules.folder + " for edits (Ctrl-C to stop) ---");
            out.flush();
            Thread.currentThread().join(); // until the process is stopped
        }
        return ExitCode.OK;
    }
}
