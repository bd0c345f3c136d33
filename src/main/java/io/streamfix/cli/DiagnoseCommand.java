package io.streamfix.cli;

import io.streamfix.Troubleshooter;
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

    @Option(names = "--explain",
            description = "Also show how the top causes were reached: each fact, the rule that used it and the evidence it gave.")
    boolean explain;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Troubleshooter troubleshooter = rules.load();
        Symptoms symptoms = troubleshooter.read(file).symptoms();
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
        return ExitCode.OK;
    }
}
