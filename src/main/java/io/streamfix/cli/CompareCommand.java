package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.RulesCache;
import io.streamfix.learning.Comparison;
import io.streamfix.learning.FiguresText;
import io.streamfix.learning.RulesData;
import io.streamfix.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code streamfix compare}: the impact of a rules change on a set of cases, before it goes live. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Diagnoses every case with two rules folders and lists the cases that change.",
                "",
                "A case changes when its top cause, next fix, status or expected minutes do; then both folders' "
                + "evaluate figures on the cases follow. Judge a change on the whole case base, not on the rule "
                + "you edited."},
        footer = {"", "Examples:",
                "  streamfix compare --rules rules --rules calibrated history/",
                "  streamfix compare --rules rules --rules my-edit facts/ --format json",
                "", "Exit codes: 0 compared (changes are not an error), 2 some cases could not be read or bad "
                + "usage, 3 rules broken."})
public final class CompareCommand implements Callable<Integer> {
    enum Format { text, json }

    @Option(names = "--rules", required = true, arity = "1", paramLabel = "DIR",
            description = "A rules folder; give it twice: the current one, then the changed one.")
    List<Path> folders;

    @Parameters(paramLabel = "CASES", arity = "1..*",
            description = "Cases: folders (recursively *.yaml, *.yml, *.json, *.jsonl), symptom files, .jsonl files.")
    List<Path> cases;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (folders.size() != 2) {
            throw new ParameterException(spec.commandLine(), "give --rules exactly twice (the current folder, then the changed one), got "
                    + folders.size());
        }
        RulesCache cache = new RulesCache(RulesCache.defaultFolder());
        Troubleshooter left = Troubleshooter.load(folders.get(0), cache);
        Troubleshooter right = Troubleshooter.load(folders.get(1), cache);
        HistoryInputs inputs = HistoryInputs.read(cases, left, spec);
        Comparison comparison = Comparison.run(left, RulesData.read(folders.get(0)), right, RulesData.read(folders.get(1)),
                inputs.history());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(JsonOutput.pretty().render(comparison));
        } else {
            out.printf(Locale.ROOT, "%d of %d cases change between %s and %s%n", comparison.changed().size(),
                    comparison.cases(), folders.get(0), folders.get(1));
            for (Comparison.CaseChange change : comparison.changed()) {
                out.println("  " + change.source() + ": " + describe(change));
            }
            out.printf("%nevaluate on the cases:%n");
            out.print(FiguresText.sideBySide(folders.get(0).toString(), comparison.left(), folders.get(1).toString(),
                    comparison.right()));
        }
        out.flush();
        return inputs.failed() > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    private static String describe(Comparison.CaseChange change) {
        StringBuilder text = new StringBuilder();
        for (String difference : change.differences()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(switch (difference) {
                case "top_cause" -> "top cause " + change.left().topCause() + " -> " + change.right().topCause();
                case "next_fix" -> "next fix " + change.left().nextFix() + " -> " + change.right().nextFix();
                case "status" -> "status " + change.left().status() + " -> " + change.right().status();
                default -> String.format(Locale.ROOT, "expected minutes %s -> %s", minutes(change.left().expectedMinutes()),
                        minutes(change.right().expectedMinutes()));
            });
        }
        return text.toString();
    }

    private static String minutes(Double minutes) {
        return minutes == null ? "none" : String.format(Locale.ROOT, "%.1f", minutes);
    }
}
