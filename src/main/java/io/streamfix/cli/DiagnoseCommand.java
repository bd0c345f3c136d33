package io.streamfix.cli;

import io.streamfix.ReloadListener;
import io.streamfix.Troubleshooter;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RulesException;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.InputLimits;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Explanation;
import io.streamfix.model.Symptoms;
import io.streamfix.output.ExplanationText;
import io.streamfix.output.JsonOutput;
import io.streamfix.output.TextOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code streamfix diagnose FILE}: the likely causes and the next fix for a symptom file. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnoses a symptom file: the likely causes and the next fix to try.",
                "Shows each cause with its confidence and evidence, the next fix with the steps for",
                "the device, the rest of the plan, and the escalation when nothing is left.",
                "Also lists the questions whose answers could change the advice, best first",
                "(all of them in JSON). The file's expect: block, if any, is ignored."},
        footer = {"", "Examples:",
                "  streamfix diagnose facts/vpn-active-phone.yaml",
                "  streamfix diagnose --format json facts/outage-reported.yaml",
                "  streamfix diagnose --explain facts/router-vpn-tv.yaml",
                "  streamfix diagnose --watch facts/vpn-active-phone.yaml   # while editing rules/",
                "", "Exit codes: 0 diagnosis made, 2 bad input or usage, 3 rules broken."})
public final class DiagnoseCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    /** How many causes --explain explains: the ones the text output shows. */
    private static final int TOP_CAUSES = 3;

    @Parameters(paramLabel = "FILE", description = "A YAML symptom file (see the README for the format).")
    Path file;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-input-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = ByteSize.class,
            description = "Largest symptom file read, e.g. 2MiB or 500000 (default: ${DEFAULT-VALUE}); larger files "
                    + "are refused (exit code 2) before they are read.")
    long maxInputSize;

    @Option(names = "--explain",
            description = "Also show how the top causes were reached: each fact, the rule that used it and the evidence it gave.")
    boolean explain;

    @Option(names = "--watch", description = "Keep running: watch the rules folder and print a fresh diagnosis "
            + "after each edit that compiles (an edit that does not is reported, and the last good rules stay). "
            + "Stop with Ctrl-C.")
    boolean watch;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (watch) {
            return watch();
        }
        print(rules.load());
        return ExitCode.OK;
    }

    private void print(Troubleshooter troubleshooter) {
        SymptomsReader reader = troubleshooter.reader().withLimits(InputLimits.DEFAULT.withMaxFileBytes(maxInputSize));
        Symptoms symptoms = reader.read(file).symptoms();
        // One case: worth the extra runs of the rules that rank the questions.
        Diagnosis diagnosis = troubleshooter.diagnoseWithQuestions(symptoms);
        List<Explanation> explanation = explain ? troubleshooter.explain(symptoms, diagnosis, TOP_CAUSES) : null;
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

    /** Diagnoses again after every edit of the rules that compiles, until stopped. */
    private int watch() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Troubleshooter[] watched = new Troubleshooter[1];
        ReloadListener listener = new ReloadListener() {
            @Override
            public void reloaded(KnowledgeBase fresh) {
                out.println("--- rules reloaded (version " + fresh.version().substring(0, 12) + ") ---");
                try {
                    print(watched[0]);
                } catch (InvalidSymptomsException e) {
                    e.problems().forEach(p -> err.println("error: " + p.format()));
                    err.flush();
                }
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
            print(troubleshooter);
            out.println("--- watching " + rules.folder + " for edits (Ctrl-C to stop) ---");
            out.flush();
            Thread.currentThread().join(); // until the process is stopped
        }
        return ExitCode.OK;
    }
}
