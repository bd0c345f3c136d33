package io.streamfix.cli;

import picocli.CommandLine.Command;

/** {@code streamfix simulate}: simulated viewers, for the replay benchmark and for ticket histories. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulated viewers who see NSEZ-403, drawn from a population file.",
                "replay: streamfix's advice against the article's fixed order and the best",
                "possible order, on the same viewers. history: a ticket history for",
                "evaluate and calibrate. Shipped populations: populations/; the file format",
                "and the model: README, \"Simulated viewers\"."},
        subcommands = {SimulateReplayCommand.class, SimulateHistoryCommand.class},
        footer = {"", "Examples:",
                "  streamfix simulate replay populations/*.yaml",
                "  streamfix simulate history populations/vpn-heavy.yaml --out history.jsonl"})
public final class SimulateCommand {
}
