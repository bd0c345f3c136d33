package io.streamfix.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamfix.Troubleshooter;
import io.streamfix.simulation.InvalidPopulationException;
import io.streamfix.simulation.Population;
import io.streamfix.simulation.PopulationReader;
import io.streamfix.simulation.ReplayBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code streamfix simulate replay}: the replay benchmark of streamfix's advice on simulated viewers. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays advice fix by fix on simulated viewers.",
                "",
                "Reports the mean minutes and attempts to the end of the case for three policies, on the same "
                + "viewers and the same luck:",
                "- streamfix: the rules folder's advice (diagnose, next fix; a failed fix goes under tried:)",
                "- fixed order: the article's order (knowledge.yaml `order`), escalating when all are tried",
                "- optimum: the best possible policy, knowing the population's model (exact posterior, dynamic "
                + "programme over the fixes tried, escalation as a last action)",
                "",
                "An escalation costs the population's escalation minutes and ends the case. `ratio` is a policy's "
                + "mean minutes over the optimum's (1.00 is the best possible); `expected` is the same measure from "
                + "the model's exact expectation for each viewer's facts, without the luck of the draws."},
        footer = {"", "Examples:",
                "  streamfix simulate replay populations/*.yaml",
                "  streamfix simulate replay --rules calibrated/ --viewers 5000 \\",
                "      --seed 7 my-population.yaml",
                "  streamfix simulate replay --format json populations/vpn-heavy.yaml",
                "", "Exit codes: 0 done, 2 a population file or an option is wrong (the others still run), 3 rules "
                + "broken."})
public final class SimulateReplayCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json }

    @Parameters(paramLabel = "POPULATION", arity = "1..*",
            description = "Population files (YAML; see the README, \"Simulated viewers\"), e.g. populations/vpn-heavy.yaml.")
    List<Path> populations;

    @Option(names = "--viewers", paramLabel = "N", defaultValue = "2000",
            description = "Simulated viewers per population (default: ${DEFAULT-VALUE}).")
    int viewers;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the viewers; the same seed gives the same figures (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    RulesOption rules;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if (viewers < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--viewers': " + viewers
                    + " (expected at least 1)");
        }
        Troubleshooter troubleshooter = rules.load();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> json = new ArrayList<>();
        int exit = ExitCode.OK;
        for (Path file : populations) {
            Population population;
            try {
                population = PopulationReader.read(file, troubleshooter.knowledgeBase().knowledge());
            } catch (InvalidPopulationException e) {
                e.problems().forEach(p -> err.println("error: " + p.format()));
                err.flush();
                exit = ExitCode.BAD_INPUT;
                continue;
            }
            ReplayBenchmark.Result result = ReplayBenchmark.run(population, troubleshooter, viewers, seed);
            if (format == Format.json) {
                json.add(toJson(file, result));
            } else {
                printText(out, file, result);
            }
            out.flush();
        }
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Map.of("replays", json)));
            out.flush();
        }
        return exit;
    }

    private void printText(PrintWriter out, Path file, ReplayBenchmark.Result result) {
        out.printf(Locale.ROOT, "Population %s (%s): %,d viewers, seed %d, rules %s%n",
                result.population(), file, result.viewers(), result.seed(), rules.folder);
        out.printf(Locale.ROOT, "  %-12s %8s %7s %7s %9s %9s %10s %9s %7s%n",
                "policy", "minutes", "± se", "ratio", "attempts", "resolved", "escalated", "expected", "ratio");
        for (ReplayBenchmark.Figures f : result.figures()) {
            out.printf(Locale.ROOT, "  %-12s %8.2f %7.2f %6.2fx %9.2f %8.1f%% %9.1f%% %9.2f %6.2fx%s%n",
                    f.policy(), f.minutes(), f.minutesError(), result.ratio(f.policy()), f.attempts(),
                    100 * f.resolved(), 100 * f.escalated(), f.expectedMinutes(), result.expectedRatio(f.policy()),
                    f.runaways() > 0 ? "   (" + f.runaways() + " runaway cases stopped)" : "");
        }
        out.println();
    }

    private Map<String, Object> toJson(Path file, ReplayBenchmark.Result result) {
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("population", result.population());
        replay.put("file", file.toString());
        replay.put("rules", rules.folder.toString());
        replay.put("viewers", result.viewers());
        replay.put("seed", result.seed());
        List<Map<String, Object>> policies = new ArrayList<>();
        for (ReplayBenchmark.Figures f : result.figures()) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("policy", f.policy());
            policy.put("minutes", f.minutes());
            policy.put("minutes_error", f.minutesError());
            policy.put("ratio", result.ratio(f.policy()));
            policy.put("attempts", f.attempts());
            policy.put("resolved", f.resolved());
            policy.put("escalated", f.escalated());
            policy.put("runaways", f.runaways());
            policy.put("expected_minutes", f.expectedMinutes());
            policy.put("expected_attempts", f.expectedAttempts());
            policy.put("expected_ratio", result.expectedRatio(f.policy()));
            policies.add(policy);
        }
        replay.put("policies", policies);
        return replay;
    }
}
