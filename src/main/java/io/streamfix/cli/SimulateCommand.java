package io.streamfix.cli;

import picocli.CommandLine.Command;

/** {@code streamfix simulate}: simulated viewers, for the replay benchmark and for ticket histories. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulated viewers who see NSEZ-403, drawn from a population file.",
                "",
                "Replay streamfix's advice on them against the article's fixed order and the best possible order, "
                + "or write a ticket history for evaluate and calibrate (README, \"Simulated viewers\"). Shipped "
                + "populations: populations/."},
        subcommands = {SimulateReplayCommand.class, SimulateHistoryCommand.class},
        footer = {"", "Examples:",
                "  streamfix simulate replay populations/*.yaml",
                "  streamfix simulate history populations/vpn-heavy.yaml \\",
                "      --tickets 3000 --out history.jsonl"})
public final class SimulateCommand {
}
