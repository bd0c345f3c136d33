package io.streamfix.simulation;

import io.streamfix.Troubleshooter;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Symptoms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The replay benchmark of issue 12: the same simulated viewers played through streamfix's advice, the
 * article's fixed order and the optimum, each figure also as a ratio to the optimum's. The policies meet
 * the same luck (common random numbers): each viewer's facts, and whether each fix would help it and how
 * long it would take, are drawn once, before any policy plays.
 *
 * <pre>{@code
 * ReplayBenchmark.Result result = ReplayBenchmark.run(population, troubleshooter, 2000, 1);
 * double ratio = result.figures("streamfix").minutes() / result.figures("optimum").minutes();
 * }</pre>
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {
    }

    /**
     * One policy's figures over the sample.
     *
     * @param policy           the policy's name
     * @param minutes          mean minutes to the end of the case, escalations included (the replay)
     * @param minutesError     the standard error of that mean
     * @param attempts         mean fixes tried
     * @param resolved         share of cases a fix resolved
     * @param escalated        share of cases escalated (runaways included)
     * @param runaways         cases stopped because the policy repeated a fix or named an unknown one
     * @param expectedMinutes  the mean over viewers of the exact expected minutes given their facts
     *                         ({@link ModelExpectation}): the same measure without the luck of the draws
     * @param expectedAttempts the same for attempts
     */
    public record Figures(String policy, double minutes, double minutesError, double attempts, double resolved,
                          double escalated, int runaways, double expectedMinutes, double expectedAttempts) {
    }

    /**
     * The benchmark's outcome on one population.
     *
     * @param population the population's name
     * @param viewers    how many viewers were played
     * @param seed       the seed they were drawn with
     * @param figures    streamfix, fixed order and optimum, in that order
     */
    public record Result(String population, int viewers, long seed, List<Figures> figures) {
        public Result {
            figures = List.copyOf(figures);
        }

        /** The figures of the policy named so. */
        public Figures figures(String policy) {
            return figures.stream().filter(f -> f.policy().equals(policy)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no policy " + policy));
        }

        /** A policy's mean minutes over the optimum's: the measure (1.0 is the best possible). */
        public double ratio(String policy) {
            return figures(policy).minutes() / figures("optimum").minutes();
        }

        /** The same ratio on the exact expectations. */
        public double expectedRatio(String policy) {
            return figures(policy).expectedMinutes() / figures("optimum").expectedMinutes();
        }
    }

    /** Plays {@code viewers} viewers of {@code population} (seeded) through the three policies. */
    public static Result run(Population population, Troubleshooter troubleshooter, int viewers, long seed) {
        List<Policy> policies = List.of(new StreamfixPolicy(troubleshooter),
                new FixedOrderPolicy(troubleshooter.knowledgeBase().knowledge()), new OptimalPolicy(population));
        return run(population, troubleshooter.knowledgeBase().reader(), policies, viewers, seed);
    }

    /** Plays the viewers through any policies; {@link Result#ratio} needs one of them named {@code optimum}. */
    public static Result run(Population population, SymptomsReader reader, List<Policy> policies, int viewers, long seed) {
        List<Viewer> sample = new ViewerGenerator(population, seed).viewers(viewers);
        List<Symptoms> reported = sample.stream()
                .map(v -> reader.fromMap("viewer " + v.id(), v.document()).symptoms()).toList();
        ModelExpectation expectation = new ModelExpectation(population);
        List<Figures> figures = new ArrayList<>();
        for (Policy policy : policies) {
            // Viewers are independent: played in parallel, summed in viewer order (the same figures every run).
            List<Played> played = IntStream.range(0, sample.size()).parallel()
                    .mapToObj(i -> play(policy, sample.get(i), reported.get(i), expectation))
                    .toList();
            figures.add(summarise(policy.name(), played));
        }
        return new Result(population.name(), viewers, seed, figures);
    }

    /** One viewer's replay and its exact expectation. */
    private record Played(Replay.Case replay, ModelExpectation.Expected expected) {
    }

    private static Played play(Policy policy, Viewer viewer, Symptoms reported, ModelExpectation expectation) {
        // The replay follows a prefix of the expectation's path: ask the policy once per state.
        Policy remembered = new RememberedPolicy(policy);
        ModelExpectation.Expected expected = expectation.of(remembered, reported);
        return new Played(Replay.play(remembered, viewer, reported), expected);
    }

    private static Figures summarise(String policy, List<Played> played) {
        double minutes = 0;
        double squares = 0;
        double attempts = 0;
        int resolved = 0;
        int escalated = 0;
        int runaways = 0;
        double expectedMinutes = 0;
        double expectedAttempts = 0;
        for (Played one : played) {
            Replay.Case replay = one.replay();
            minutes += replay.minutes();
            squares += replay.minutes() * replay.minutes();
            attempts += replay.attempts().size();
            switch (replay.ending()) {
                case RESOLVED -> resolved++;
                case RUNAWAY -> {
                    runaways++;
                    escalated++;
                }
                default -> escalated++;
            }
            expectedMinutes += one.expected().minutes();
            expectedAttempts += one.expected().attempts();
        }
        int n = played.size();
        double mean = minutes / n;
        double variance = n > 1 ? (squares - n * mean * mean) / (n - 1) : 0;
        return new Figures(policy, mean, Math.sqrt(Math.max(0, variance) / n), attempts / n,
                (double) resolved / n, (double) escalated / n, runaways, expectedMinutes / n, expectedAttempts / n);
    }

    /** A policy that remembers its answers for one viewer's case, so each state is asked once. */
    private static final class RememberedPolicy implements Policy {
        private final Policy policy;
        private final Map<Symptoms, Optional<String>> answers = new HashMap<>();

        RememberedPolicy(Policy policy) {
            this.policy = policy;
        }

        @Override
        public String name() {
            return policy.name();
        }

        @Override
        public Optional<String> next(Symptoms symptoms) {
            return answers.computeIfAbsent(symptoms, policy::next);
        }
    }
}
