package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.input.InputProblem;
import io.streamfix.learning.History;
import io.streamfix.learning.HistoryReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code HISTORY…} arguments of {@code evaluate}, {@code calibrate} and {@code compare}: folders
 * (searched recursively for {@code *.yaml}, {@code *.yml}, {@code *.json} and {@code *.jsonl}),
 * symptom files and {@code .jsonl} files, read into one {@link History}. A bad ticket is reported as in
 * a {@code diagnose} batch and skipped; the others are read.
 *
 * @param history the tickets read
 * @param failed  how many inputs (files, or lines of a {@code .jsonl} file) were skipped
 */
record HistoryInputs(History history, int failed) {

    /**
     * Reads the tickets; bad ones are reported on the command's stderr.
     *
     * @throws ParameterException (exit code 2) when not one ticket could be read
     */
    static HistoryInputs read(List<Path> arguments, Troubleshooter troubleshooter, CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        List<List<InputProblem>> problems = new ArrayList<>();
        for (Path file : BatchInputs.expand(arguments, HistoryReader::isTicketFile)) {
            if (Files.isDirectory(file)) {
                problems.add(List.of(new InputProblem(file.toString(), 0, 0, "",
                        "a folder without ticket files (*.yaml, *.yml, *.json, *.jsonl)")));
            } else {
                files.add(file);
            }
        }
        History history = new HistoryReader(troubleshooter.reader()).read(files, problems::add);
        problems.forEach(list ->
                BatchReport.writeProblems(Outcome.failed(list.get(0).source(), list, ExitCode.BAD_INPUT), err));
        err.flush();
        if (history.size() == 0) {
            throw new ParameterException(spec.commandLine(), "no ticket could be read from "
                    + String.join(" ", arguments.stream().map(Path::toString).toList()));
        }
        return new HistoryInputs(history, problems.size());
    }
}
