package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.cases.CasePage;
import io.streamfix.cases.CaseQuery;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStatus;
import io.streamfix.cases.CaseStore;
import io.streamfix.input.InputProblem;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.learning.History;
import io.streamfix.learning.HistoryReader;
import io.streamfix.learning.Ticket;

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

    static HistoryInputs read(List<Path> arguments, Troubleshooter troubleshooter, PrintWriter err) {
        return read(arguments, null, troubleshooter, err);
    }

    /**
     * The tickets of the files and, when {@code cases} names a store ({@code --cases DB}), of every kept case
     * that is over (resolved, escalated or abandoned: an open case has no outcome yet), as {@code cases export}
     * writes them.
     */
    static HistoryInputs read(List<Path> arguments, String cases, Troubleshooter troubleshooter, PrintWriter err) {
        HistoryInputs files = readFiles(arguments == null ? List.of() : arguments, troubleshooter, err);
        if (cases == null) {
            return files;
        }
        List<Ticket> tickets = new ArrayList<>(files.history().tickets());
        int failed = files.failed();
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
                        BatchReport.writeProblems(Outcome.failed(source, e.problems(), ExitCode.BAD_INPUT), err);
                        failed++;
                    }
                }
                next = page.next();
            } while (next != null);
        }
        err.flush();
        return new HistoryInputs(new History(tickets), failed);
    }

    private static HistoryInputs readFiles(List<Path> arguments, Troubleshooter troubleshooter, PrintWriter err) {
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
        return new HistoryInputs(history, problems.size());
    }
}
