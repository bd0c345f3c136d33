package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.input.InputProblem;
import io.streamfix.output.JsonOutput;
import io.streamfix.output.TextOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code streamfix diagnose FILE|DIR...}: the likely causes and the next fix for each symptom file,
 * in input order. Inputs are read and diagnosed in parallel ({@link BatchRun}); a bad input is
 * reported in its place and never stops the others.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnoses symptom files: the likely causes and the next fix to try.",
                "Shows each cause with its confidence and evidence, the next fix with the steps for",
                "the device, the rest of the plan, and the escalation when nothing is left.",
                "Give any number of files and folders (a folder means its *.yaml and *.yml files,",
                "subfolders included). They are diagnosed in parallel and printed in input order;",
                "a bad file is reported in its place and the others go on.",
                "A file's expect: block, if any, is ignored."},
        footer = {"", "Examples:",
                "  streamfix diagnose facts/vpn-active-phone.yaml",
                "  streamfix diagnose --format json facts/outage-reported.yaml",
                "  streamfix diagnose --format jsonl tickets/ > diagnoses.jsonl",
                "  streamfix diagnose --summary tickets/",
                "", "Exit codes: 0 every input diagnosed, 2 bad input or usage (with several inputs:",
                "at least one could not be diagnosed; the others still are), 3 rules broken."})
public final class DiagnoseCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, jsonl }

    /** Renderers are thread-safe and costly to make: one of each, shared by the worker threads. */
    private static final JsonOutput PRETTY = JsonOutput.pretty();
    private static final JsonOutput COMPACT = JsonOutput.compact();
    private static final TextOutput TEXT = new TextOutput();

    @Parameters(paramLabel = "FILE|DIR", arity = "1..*",
            description = "Symptom files (YAML, see the README for the format) and folders of them.")
    List<Path> inputs;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "jsonl writes one line per input: {\"file\": ..., \"diagnosis\": {...}}, "
                    + "or {\"file\": ..., \"errors\": [...]} for an input that failed.")
    Format format;

    @Option(names = "--summary",
            description = "Print only counts across all inputs: status, top cause and next fix "
                    + "(a table in text, an object in json and jsonl). Failed inputs go to stderr.")
    boolean summary;

    @Option(names = "--threads", paramLabel = "N",
            description = "Inputs diagnosed at once (default: one per core).")
    int threads;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Troubleshooter troubleshooter = rules.load();
        List<Path> files = BatchInputs.expand(inputs);
        if (files.size() == 1 && !summary && format != Format.jsonl) {
            return single(troubleshooter, files.get(0));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BatchSummary counts = new BatchSummary();
        int[] exitCode = {ExitCode.OK};
        boolean[] first = {true};
        if (format == Format.json && !summary) {
            out.println("[");
        }
        new BatchRun(threads > 0 ? threads : Runtime.getRuntime().availableProcessors()).run(files,
                file -> rendered(Outcome.of(file, troubleshooter)),
                done -> {
                    counts.add(done.outcome());
                    exitCode[0] = Math.max(exitCode[0], done.outcome().exitCode());
                    if (summary || format == Format.text) {
                        done.outcome().errors().forEach(p -> err.println("error: " + p.format()));
                    }
                    if (!summary && done.text() != null) {
                        out.print(first[0] || format != Format.json ? done.text() : ",\n" + done.text());
                        first[0] = false;
                    }
                });
        if (format == Format.json && !summary) {
            out.println(first[0] ? "]" : "\n]");
        }
        if (summary) {
            out.print(format == Format.text ? counts.toText() : PRETTY.render(counts.toMap()) + "\n");
        }
        out.flush();
        err.flush();
        return exitCode[0];
    }

    /** One file, as streamfix always printed it: the diagnosis alone, or its problems (exit code 2). */
    private int single(Troubleshooter troubleshooter, Path file) {
        PrintWriter out = spec.commandLine().getOut();
        var diagnosis = troubleshooter.diagnose(file);
        out.print(format == Format.json ? PRETTY.render(diagnosis) + "\n" : TEXT.render(diagnosis));
        out.flush();
        return ExitCode.OK;
    }

    /** An outcome and its text in the chosen format, made on a worker thread. */
    private record Rendered(Outcome outcome, String text) {
    }

    private Rendered rendered(Outcome outcome) {
        if (summary) {
            return new Rendered(outcome, null);
        }
        return new Rendered(outcome, switch (format) {
            case text -> outcome.failed() ? null : "== " + outcome.file() + "\n" + TEXT.render(outcome.diagnosis()) + "\n";
            case json -> PRETTY.render(record(outcome));
            case jsonl -> COMPACT.render(record(outcome)) + "\n";
        });
    }

    /** The JSON record of one input: its file and its diagnosis, or its file and why it failed. */
    private static Map<String, Object> record(Outcome outcome) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("file", outcome.file());
        if (outcome.failed()) {
            record.put("errors", outcome.errors().stream().map(DiagnoseCommand::error).toList());
        } else {
            record.put("diagnosis", outcome.diagnosis());
        }
        return record;
    }

    private static Map<String, Object> error(InputProblem problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("line", problem.line());
        error.put("column", problem.column());
        error.put("field", problem.field());
        error.put("message", problem.message());
        error.put("text", problem.format());
        return error;
    }
}
