package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.learning.Evaluation;
import io.streamfix.learning.FiguresText;
import io.streamfix.learning.HtmlReport;
import io.streamfix.learning.RulesData;
import io.streamfix.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code streamfix evaluate}: how good the knowledge is on the outcomes of a ticket history. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Measures the rules on a ticket history.",
                "",
                "A ticket history is symptom files whose tried: list holds each attempt in the order made, with "
                + "its result and optionally its minutes. Reports the first-fix hit rate, the rank of the fix that "
                + "helped, attempts and minutes to resolution when the advice is followed (a fix the ticket did not "
                + "try counts as failed: an upper bound), calibration (predicted chance against observed success, "
                + "per fix) and figures per evidence rule. A bad ticket is reported and skipped."},
        footer = {"", "Examples:",
                "  streamfix evaluate history/",
                "  streamfix evaluate tickets.jsonl --format json",
                "  streamfix evaluate history/ --rules calibrated --report r.html",
                "", "Exit codes: 0 evaluated, 2 some tickets could not be read (the others are evaluated) or bad "
                + "usage, 3 rules broken."})
public final class EvaluateCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(paramLabel = "HISTORY", arity = "1..*",
            description = "Ticket history: folders (searched recursively for *.yaml, *.yml, *.json, *.jsonl), "
                    + "symptom files, or .jsonl files with one JSON symptom document per line.")
    List<Path> history;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write a self-contained HTML report with charts (minutes distribution, calibration plot).")
    Path report;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Troubleshooter troubleshooter = rules.load();
        PrintWriter out = spec.commandLine().getOut();
        HistoryInputs inputs = HistoryInputs.read(history, troubleshooter, spec);
        Evaluation evaluation = Evaluation.run(troubleshooter, RulesData.read(rules.folder), inputs.history());
        if (format == Format.json) {
            out.println(JsonOutput.pretty().render(evaluation.figures()));
        } else {
            out.print(FiguresText.render(evaluation.figures()));
        }
        if (report != null) {
            Files.writeString(report, HtmlReport.render(String.join(" ", history.stream().map(Path::toString).toList()),
                    evaluation), StandardCharsets.UTF_8);
            if (format == Format.text) {
                out.println();
                out.println("Report written to " + report);
            }
        }
        out.flush();
        return inputs.failed() > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }
}
