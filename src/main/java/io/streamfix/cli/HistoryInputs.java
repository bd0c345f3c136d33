package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.cases.CasePage;
import io.streamfix.cases.CaseQuery;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStatus;
import io.streamfix.cases.CaseStore;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.learning.Ticket;
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
        return read(arguments, null, troubleshooter, spec);
    }

    /**
     * The tickets of the files and, when {@code cases} names a store ({@code --cases DB}), of every kept case
     * that is over (resolved, escalated or abandoned: an open case has no outcome yet), as {@code cases export}
     * writes them.
     *
     * @throws ParameterException (exit code 2) when there is no input, or not one ticket could be read
     */
    static HistoryInputs read(List<Path> arguments, String cases, Troubleshooter troubleshooter, CommandSpec spec) {
        if (arguments == null) {
            arguments = List.of();
        }
        if (arguments.isEmpty() && cases == null) {
            throw new ParameterException(spec.commandLine(), "no ticket history: give HISTORY (folders, symptom files, "
                    + ".jsonl files) or --cases DB");
        }
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
        if (cases != null) {
            List<Ticket> tickets = new ArrayList<>(history.tickets());
            try (CaseStore store = CaseStore.open(cases)) {
                String next = null;
                do {
                    CasePage page = store.list(CaseQuery.all().withLimit(CaseQuery.MAX_LIMIT).after(next));
                    for (CaseRecord kept : page.cases()) {
                        if (kept.status() == CaseStatus.OPEN) {
                            continue;
                        }
                        String source = "case " + kept.id();
                        try {
                            tickets.add(new Ticket(source, troubleshooter.reader().fromMap(source, kept.ticket()).symptoms()));
                        } catch (InvalidSymptomsException e) {
                            problems.add(e.problems());
                        }
                    }
                    next = page.next();
                } while (next != null);
            }
            history = new History(tickets);
        }
        problems.forEach(list ->
                BatchReport.writeProblems(Outcome.failed(list.get(0).source(), list, ExitCode.BAD_INPUT), err));
        err.flush();
        if (history.size() == 0) {
            throw new ParameterException(spec.commandLine(), "no ticket could be read from "
                    + String.join(" ", arguments.stream().map(Path::toString).toList()) + (cases == null ? "" : " --cases " + cases));
        }
        return new HistoryInputs(history, problems.size());
    }
}
