package io.streamfix.cli;

import io.streamfix.cases.CasePage;
import io.streamfix.cases.CaseQuery;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStatus;
import io.streamfix.cases.CaseStep;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.CaseStoreException;
import io.streamfix.cases.Step;
import io.streamfix.input.SymptomDocument;
import io.streamfix.output.JsonOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code streamfix cases list|show|export|delete}: reads and prunes the kept cases. */
@Command(name = "cases", mixinStandardHelpOptions = true,
        description = {"Reads the cases that serve --cases and consult --cases keep, exports them as ticket history, "
                + "and deletes them.",
                "The store is --cases DB (a SQLite file or a PostgreSQL URL), else $STREAMFIX_CASES."},
        subcommands = {CasesCommand.ListCases.class, CasesCommand.Show.class, CasesCommand.Export.class,
                CasesCommand.Delete.class},
        footer = {"", "Examples:",
                "  streamfix cases list --cases cases.db --status resolved --since 2026-12-01",
                "  streamfix cases show --cases cases.db k3f9x2m7qp",
                "  streamfix cases export --cases cases.db --format jsonl --out history.jsonl",
                "  streamfix cases export --cases cases.db --format yaml --out history/",
                "  streamfix cases delete --cases cases.db --older-than 90d",
                "", "Exit codes: 0 done, 2 bad usage or an unknown case id, 4 the case store cannot be used."})
public final class CasesCommand {

    /** The options every subcommand shares: the store, and which cases. */
    static class Selection {
        @Mixin
        CasesOption cases;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only cases with this status: open, resolved, escalated or abandoned.")
        String status;

        @Option(names = "--since", paramLabel = "TIME", description = "Only cases opened at or after TIME: a date (2026-12-01, UTC) or an instant (2026-12-01T09:30:00Z).")
        String since;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        CaseStore open() {
            if (!cases.given()) {
                throw new ParameterException(spec.commandLine(), "no case store: give --cases DB (a SQLite file or a "
                        + "PostgreSQL URL) or set STREAMFIX_CASES");
            }
            try {
                return cases.open();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        CaseQuery query() {
            CaseQuery query = CaseQuery.all().withLimit(CaseQuery.MAX_LIMIT);
            try {
                if (status != null) {
                    query = query.withStatus(CaseStatus.named(status).orElseThrow(() -> new IllegalArgumentException(
                            "--status " + status + " is not a case status: use one of " + CaseStatus.labels())));
                }
                if (since != null) {
                    query = query.withSince(CaseQuery.time(since));
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return query;
        }

        /** Every selected case, a page at a time, oldest first. */
        void each(CaseStore store, Consumer<CaseRecord> action) {
            CaseQuery query = query();
            String next = null;
            do {
                CasePage page = store.list(query.after(next));
                page.cases().forEach(action);
                next = page.next();
            } while (next != null);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the cases kept, oldest first.")
    static final class ListCases implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (a table) or jsonl (one case a line, with its steps).")
        String format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            checkFormat(spec, format, "text", "jsonl");
            PrintWriter out = spec.commandLine().getOut();
            try (CaseStore store = selection.open()) {
                if (format.equals("text")) {
                    out.printf("%-10s  %-20s  %-20s  %-9s  %5s  %s%n", "id", "opened", "updated", "status", "steps", "next fix / top cause");
                }
                int[] count = {0};
                selection.each(store, kept -> {
                    count[0]++;
                    if (format.equals("jsonl")) {
                        out.println(JsonOutput.compact().render(kept));
                    } else {
                        out.printf("%-10s  %-20s  %-20s  %-9s  %5d  %s / %s%n", kept.id(), shortTime(kept.createdAt()),
                                shortTime(kept.updatedAt()), kept.status().label(), kept.steps().size(),
                                orNone(kept.advice().nextFix()), orNone(kept.advice().topCause()));
                    }
                });
                if (format.equals("text")) {
                    out.println(count[0] + (count[0] == 1 ? " case" : " cases") + " in " + store.describe());
                }
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one case: its document, the advice in force and every step.")
    static final class Show implements Callable<Integer> {
        @Mixin
        CasesOption cases;

        @Parameters(paramLabel = "ID", description = "The case's id, as list shows it.")
        String id;

        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json.")
        String format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            checkFormat(spec, format, "text", "json");
            Selection selection = new Selection();
            selection.cases = cases;
            selection.spec = spec;
            PrintWriter out = spec.commandLine().getOut();
            try (CaseStore store = selection.open()) {
                CaseRecord kept = store.find(id).orElseThrow(() -> new CaseStoreException.NoSuchCase(id));
                if (format.equals("json")) {
                    out.println(JsonOutput.pretty().render(kept));
                } else {
                    out.println("Case " + kept.id() + ": " + kept.status().label() + " (opened " + shortTime(kept.createdAt())
                            + ", updated " + shortTime(kept.updatedAt()) + ")");
                    out.println("Advice now: next fix " + orNone(kept.advice().nextFix()) + ", top cause "
                            + orNone(kept.advice().topCause()) + " (rules " + shortVersion(kept.advice().rulesVersion()) + ")");
                    out.println();
                    out.println("Steps:");
                    if (kept.steps().isEmpty()) {
                        out.println("  none yet");
                    }
                    kept.steps().forEach(step -> out.println("  " + describe(step)));
                    out.println();
                    out.println("Symptom document now:");
                    out.print(SymptomDocument.toYaml(kept.document()).lines().skip(1).map(l -> "  " + l + "\n")
                            .reduce("", String::concat));
                }
            }
            out.flush();
            return ExitCode.OK;
        }

        private static String describe(CaseStep kept) {
            Step step = kept.step();
            String what = switch (step.kind()) {
                case ANSWER -> step.fact() + ": " + step.answer();
                case FIX -> "tried " + step.fix() + ": " + step.result().name().toLowerCase(Locale.ROOT)
                        + (step.minutes() == null ? "" : " after " + minutes(step.minutes()) + " min");
                case UNDO -> "undo of step " + kept.undoes();
                case ABANDON -> "abandoned";
            };
            return String.format("%3d. %s  %s%s  -> %s, next fix %s", kept.seq(), shortTime(kept.at()), what,
                    kept.undone() ? " (undone)" : "", kept.advice().status().label(), orNone(kept.advice().nextFix()));
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the cases as ticket history, the format evaluate and calibrate read: each case a "
                    + "symptom document whose tried: list holds every attempt in the order made, with its result and, "
                    + "when known, its minutes.",
                    "jsonl: one document a line, to --out FILE or standard output. yaml: one symptom file a case, "
                            + "ID.yaml in the folder --out DIR (created when missing)."})
    static final class Export implements Callable<Integer> {
        @Mixin
        Selection selection;

        @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT", description = "jsonl (default) or yaml.")
        String format;

        @Option(names = "--out", paramLabel = "PATH", description = "jsonl: the file to write (default: standard output); yaml: the folder.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            checkFormat(spec, format, "jsonl", "yaml");
            if (format.equals("yaml") && out == null) {
                throw new ParameterException(spec.commandLine(), "--format yaml writes one symptom file a case: give the "
                        + "folder with --out DIR");
            }
            int[] count = {0};
            try (CaseStore store = selection.open()) {
                if (format.equals("yaml")) {
                    Files.createDirectories(out);
                    selection.each(store, kept -> {
                        String header = "# streamfix case " + kept.id() + ", opened " + kept.createdAt() + ", " + kept.status().label() + "\n";
                        write(out.resolve(kept.id() + ".yaml"), header + SymptomDocument.toYaml(kept.ticket()));
                        count[0]++;
                    });
                } else {
                    Writer writer = out == null ? spec.commandLine().getOut()
                            : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                    try {
                        selection.each(store, kept -> {
                            try {
                                writer.write(JsonOutput.compact().render(kept.ticket()) + "\n");
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            count[0]++;
                        });
                    } finally {
                        writer.flush();
                        if (out != null) {
                            writer.close();
                        }
                    }
                }
            }
            if (out != null) {
                spec.commandLine().getErr().println("Exported " + count[0] + (count[0] == 1 ? " case" : " cases") + " to " + out);
                spec.commandLine().getErr().flush();
            }
            return ExitCode.OK;
        }

        private static void write(Path file, String text) {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes cases with all their steps: the ones named, or every case opened more than --older-than ago.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        CasesOption cases;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "The ids of the cases to delete.")
        List<String> ids;

        @Option(names = "--older-than", paramLabel = "AGE", description = "Delete every case opened more than AGE ago: 90d (days) or 12h (hours).")
        String olderThan;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean byId = ids != null && !ids.isEmpty();
            if (byId == (olderThan != null)) {
                throw new ParameterException(spec.commandLine(), "name the cases to delete by ID, or give --older-than AGE (e.g. 90d); not both");
            }
            Selection selection = new Selection();
            selection.cases = cases;
            selection.spec = spec;
            PrintWriter out = spec.commandLine().getOut();
            int code = ExitCode.OK;
            try (CaseStore store = selection.open()) {
                if (byId) {
                    for (String id : ids) {
                        if (store.delete(id)) {
                            out.println("Deleted case " + id + ".");
                        } else {
                            spec.commandLine().getErr().println("error: no case has the id " + id);
                            code = ExitCode.BAD_INPUT;
                        }
                    }
                } else {
                    Instant before = Instant.now().minus(age(olderThan));
                    int deleted = store.deleteOpenedBefore(before);
                    out.println("Deleted " + deleted + (deleted == 1 ? " case" : " cases") + " opened before " + before + ".");
                }
            }
            out.flush();
            spec.commandLine().getErr().flush();
            return code;
        }

        private Duration age(String text) {
            java.util.regex.Matcher age = java.util.regex.Pattern.compile("(\\d{1,6})([dh])").matcher(text.strip());
            if (!age.matches()) {
                throw new ParameterException(spec.commandLine(), "--older-than " + text + " is not an age: write days or hours, e.g. 90d or 12h");
            }
            long n = Long.parseLong(age.group(1));
            return age.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n);
        }
    }

    static void checkFormat(CommandSpec spec, String format, String... allowed) {
        if (!List.of(allowed).contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format " + format + " is not one of " + String.join(", ", allowed));
        }
    }

    static String shortTime(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String shortVersion(String version) {
        return version.substring(0, Math.min(12, version.length()));
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }

    private static String minutes(double minutes) {
        return minutes == Math.rint(minutes) ? String.valueOf((long) minutes) : String.valueOf(minutes);
    }
}
