package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.RuleFault;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
                "Shows each cause with its confidence and evidence, the next fix with the steps for",
                "the device, the rest of the plan, and the escalation when nothing is left.",
                "Takes any number of files and folders (a folder: its *.yaml and *.yml files); they are",
                "diagnosed in parallel on every core and written in the order given. A bad file is",
                "reported and the others are still diagnosed. The files' expect: blocks are ignored."},
        footer = {"", "Examples:",
                "  streamfix diagnose facts/vpn-active-phone.yaml",
                "  streamfix diagnose --format json facts/outage-reported.yaml",
                "  streamfix diagnose --format jsonl --summary tickets/ > diagnoses.jsonl",
                "  streamfix diagnose --summary facts/",
                "", "Exit codes: 0 every input diagnosed, 2 bad input or usage (some inputs failed;",
                "the others are still written), 3 rules broken or a rule failed."})
public final class DiagnoseCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, jsonl }

    @Parameters(paramLabel = "FILE|FOLDER", arity = "1..*",
            description = "YAML symptom files (see the README for the format), or folders of them.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "jsonl writes one line per input: {\"file\", \"diagnosis\", \"problems\"}.")
    Format format;

    @Option(names = "--summary",
            description = "Add counts across the inputs: statuses, top causes, next fixes "
                    + "(a table in text, a \"summary\" object in JSON).")
    boolean summary;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Troubleshooter troubleshooter = rules.load();
        List<Path> files = BatchInputs.expand(inputs);
        boolean several = files.size() > 1 || inputs.stream().anyMatch(Files::isDirectory);
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
        BatchReport report = new BatchReport(format, several, summary ? new BatchSummary() : null,
                out, spec.commandLine().getErr());
        int[] exitCode = {ExitCode.OK};
        record Written(Outcome outcome, String prerendered) {
        }
        BatchRunner.onAllCores().run(files,
                file -> {
                    Outcome outcome = diagnose(troubleshooter, file);
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
    private static Outcome diagnose(Troubleshooter troubleshooter, Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            return Outcome.failed(name, List.of(new InputProblem(name, 0, 0, "",
                    "a folder without *.yaml or *.yml files")), ExitCode.BAD_INPUT);
        }
        try {
            return Outcome.diagnosed(name, troubleshooter.diagnose(file));
        } catch (InvalidSymptomsException e) {
            return Outcome.failed(name, e.problems(), ExitCode.BAD_INPUT);
        } catch (RuleFault e) {
            return Outcome.failed(name, List.of(new InputProblem(name, 0, 0, "", e.getMessage())), ExitCode.RULES_BROKEN);
        }
    }
}
