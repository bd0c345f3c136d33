package io.streamfix.cli;

import io.streamfix.Troubleshooter;
import io.streamfix.simulation.FixedOrderPolicy;
import io.streamfix.simulation.HistoryWriter;
import io.streamfix.simulation.InvalidPopulationException;
import io.streamfix.simulation.OptimalPolicy;
import io.streamfix.simulation.Policy;
import io.streamfix.simulation.Population;
import io.streamfix.simulation.PopulationReader;
import io.streamfix.simulation.StreamfixPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code streamfix simulate history}: a ticket history drawn from a population. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Writes a ticket history drawn from a population.",
                "",
                "One symptom document per simulated viewer, with the facts it reported and, under tried:, every "
                + "attempt in order with its result and minutes. The desk follows --desk; after each failed fix the "
                + "viewer gives up with the --give-up chance (an abandoned ticket); an escalated ticket ends with "
                + "every attempt failed (the escalation is not written as an attempt). The same seed writes the "
                + "same history. streamfix evaluate and calibrate read it (a .jsonl file, or a folder of YAML files)."},
        footer = {"", "Examples:",
                "  streamfix simulate history populations/vpn-heavy.yaml \\",
                "      --tickets 3000 --out history.jsonl",
                "  streamfix simulate history populations/device-heavy.yaml \\",
                "      --desk streamfix --out tickets/",
                "", "Exit codes: 0 written, 2 the population file or an option is wrong, 3 rules broken."})
public final class SimulateHistoryCommand implements Callable<Integer> {
    /** Who decides what the viewer tries next. */
    enum Desk { article, streamfix, optimum }

    @Parameters(paramLabel = "POPULATION", description = "A population file, e.g. populations/vpn-heavy.yaml.")
    Path population;

    @Option(names = "--out", paramLabel = "FILE.jsonl|DIR", required = true,
            description = "Where to write: a .jsonl file (one JSON symptom document a line), or else a folder of "
                    + "ticket-00001.yaml, ... files (created if needed).")
    Path out;

    @Option(names = "--tickets", paramLabel = "N", defaultValue = "3000",
            description = "How many tickets (default: ${DEFAULT-VALUE}).")
    int tickets;

    @Option(names = "--desk", paramLabel = "POLICY", defaultValue = "article",
            description = "What the support desk follows: article (the article's fixed order), streamfix (the "
                    + "--rules folder's advice) or optimum (the best order for the population) "
                    + "(default: ${DEFAULT-VALUE}).")
    Desk desk;

    @Option(names = "--give-up", paramLabel = "P", defaultValue = "0.1",
            description = "The chance that a viewer gives up after each failed fix (default: ${DEFAULT-VALUE}).")
    double giveUp;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the viewers and of their giving up (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-minutes", negatable = false,
            description = "Leave out each attempt's minutes (a history from a desk that does not time its calls).")
    boolean noMinutes;

    @Option(names = "--truth", paramLabel = "FILE.csv",
            description = "Also write each ticket's true cause, as ticket,cause lines (the line number of a .jsonl "
                    + "history, or the file name): what a test of calibrate can compare its fit with.")
    Path truth;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (tickets < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--tickets': " + tickets
                    + " (expected at least 1)");
        }
        if (!(giveUp >= 0 && giveUp <= 1)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--give-up': " + giveUp
                    + " (expected a chance between 0 and 1)");
        }
        Troubleshooter troubleshooter = rules.load();
        PrintWriter err = spec.commandLine().getErr();
        Population model;
        try {
            model = PopulationReader.read(population, troubleshooter.knowledgeBase().knowledge());
        } catch (InvalidPopulationException e) {
            e.problems().forEach(p -> err.println("error: " + p.format()));
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        Policy policy = switch (desk) {
            case article -> new FixedOrderPolicy(troubleshooter.knowledgeBase().knowledge());
            case streamfix -> new StreamfixPolicy(troubleshooter);
            case optimum -> new OptimalPolicy(model);
        };
        HistoryWriter.Summary summary = new HistoryWriter(model, troubleshooter.knowledgeBase().reader(), policy, giveUp, seed)
                .write(tickets, out, !noMinutes, truth);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("Wrote %d tickets of %s to %s: %d resolved, %d escalated, %d abandoned (desk: %s, give-up %s, seed %d)%n",
                summary.tickets(), model.name(), out, summary.resolved(), summary.escalated(), summary.abandoned(),
                desk, giveUp, seed);
        stdout.flush();
        return ExitCode.OK;
    }
}
