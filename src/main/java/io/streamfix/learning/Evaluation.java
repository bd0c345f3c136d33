package io.streamfix.learning;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixResult;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * How good a rules folder's advice is on real outcomes: {@code streamfix evaluate}. Every ticket goes
 * through the engine (the same path as {@code diagnose}), and the figures compare its advice with what
 * the ticket records.
 *
 * <p><b>The estimator of attempts and minutes</b> (README "Evaluate: the figures"). The advice is
 * replayed on each ticket: ask for the next fix; if the ticket tried that fix, its recorded result and
 * minutes are used; if it did not, nothing is known of the result, and it counts as a failure that took
 * the data's typical minutes. The replay ends when a fix helps or the advice escalates (which costs the
 * escalation's minutes). Counting unknown results as failures makes the figure an upper bound: a history
 * cannot say whether a fix nobody tried would have helped. It is the same bound for any rules folder, so
 * two folders compare fairly on one history.
 *
 * <pre>{@code
 * Evaluation evaluation = Evaluation.run(troubleshooter, RulesData.read(rules), history);
 * System.out.println(evaluation.figures().firstFixHitRate());
 * }</pre>
 */
public final class Evaluation {
    /** Minutes assumed for a fix whose data gives none (a rules folder from before minutes were data). */
    static final double DEFAULT_MINUTES = 10;
    /** Bins of the calibration plot: predicted chance in tenths. */
    static final int BINS = 10;

    /** What the replay and the calibration found for one ticket. */
    record TicketResult(String source, boolean resolved, String firstFix, String helpedFix, Integer helpedRank,
                        int attempts, double minutes, boolean escalated, double observedMinutes,
                        int observedAttempts, Set<String> fired, List<Prediction> predictions) {
    }

    /** One attempt the ticket made, with the chance the knowledge gave it beforehand. */
    record Prediction(String fix, double chance, boolean helped) {
    }

    private final Figures figures;
    private final List<TicketResult> results;

    private Evaluation(Figures figures, List<TicketResult> results) {
        this.figures = figures;
        this.results = results;
    }

    /** Evaluates the rules of {@code troubleshooter} (whose numbers are {@code data}) on {@code history}. */
    public static Evaluation run(Troubleshooter troubleshooter, RulesData data, History history) {
        BeliefModel model = data.model();
        List<Ticket> tickets = history.tickets();
        TicketResult[] results = new TicketResult[tickets.size()];
        // Tickets are independent: on every core, results kept in history order so figures are repeatable.
        IntStream.range(0, tickets.size()).parallel()
                .forEach(i -> results[i] = evaluate(troubleshooter, data, model, tickets.get(i)));
        List<TicketResult> list = List.of(results);
        return new Evaluation(Figures.of(list, model), list);
    }

    public Figures figures() {
        return figures;
    }

    /** The replayed minutes of each ticket, for the distribution chart. */
    public List<Double> replayMinutes() {
        return results.stream().map(TicketResult::minutes).toList();
    }

    /** The recorded minutes of each ticket (attempts without minutes at the data's typical minutes). */
    public List<Double> observedMinutes() {
        return results.stream().map(TicketResult::observedMinutes).toList();
    }

    List<TicketResult> results() {
        return results;
    }

    private static TicketResult evaluate(Troubleshooter troubleshooter, RulesData data, BeliefModel model, Ticket ticket) {
        Diagnosis first = troubleshooter.diagnose(ticket.facts());
        Set<String> fired = new HashSet<>(first.rulesFired());
        fired.retainAll(model.evidenceRules());
        String firstFix = first.nextFix() == null ? null : first.nextFix().id();

        Map<String, TriedFix> recorded = new LinkedHashMap<>();
        for (TriedFix attempt : ticket.attempts()) {
            recorded.putIfAbsent(attempt.fix(), attempt); // a retried fix: its first attempt stands for it
        }
        List<TriedFix> tried = new ArrayList<>();
        Diagnosis diagnosis = first;
        int attempts = 0;
        double minutes = 0;
        boolean resolved = false;
        boolean escalated = false;
        Integer helpedRank = null;
        String helped = ticket.helpedFix();
        int limit = model.resolves().size() + model.minutes().size() + 2;
        while (attempts < limit) {
            if (diagnosis.status() != Status.IN_PROGRESS || diagnosis.nextFix() == null) {
                escalated = diagnosis.status() == Status.ESCALATE;
                if (escalated) {
                    minutes += minutesOf(model, data.escalationFix(), null);
                }
                break;
            }
            String fix = diagnosis.nextFix().id();
            attempts++;
            if (fix.equals(helped) && helpedRank == null) {
                helpedRank = attempts;
            }
            TriedFix known = recorded.get(fix);
            double took = minutesOf(model, fix, known);
            minutes += took;
            if (known != null && known.result() == FixResult.HELPED) {
                resolved = true;
                break;
            }
            tried.add(new TriedFix(fix, FixResult.FAILED, took));
            diagnosis = troubleshooter.diagnose(withTried(ticket.facts(), tried));
        }

        List<Prediction> predictions = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        double observedMinutes = 0;
        for (TriedFix attempt : ticket.attempts()) {
            observedMinutes += minutesOf(model, attempt.fix(), attempt);
            if (model.resolves().containsKey(attempt.fix()) && !model.resolves().get(attempt.fix()).isEmpty()) {
                double chance = model.chance(attempt.fix(), model.posterior(fired, failed));
                predictions.add(new Prediction(attempt.fix(), chance, attempt.result() == FixResult.HELPED));
            }
            if (attempt.result() == FixResult.FAILED) {
                failed.add(attempt.fix());
            }
        }
        return new TicketResult(ticket.source(), resolved, firstFix, helped, helpedRank, attempts, minutes, escalated,
                observedMinutes, ticket.attempts().size(), Set.copyOf(fired), predictions);
    }

    private static double minutesOf(BeliefModel model, String fix, TriedFix recorded) {
        if (recorded != null && recorded.minutes() != null) {
            return recorded.minutes();
        }
        return fix == null ? DEFAULT_MINUTES : model.minutes().getOrDefault(fix, DEFAULT_MINUTES);
    }

    private static Symptoms withTried(Symptoms facts, List<TriedFix> tried) {
        return new Symptoms(facts.errorCode(), facts.device(), facts.network(), facts.observations(), tried);
    }

    /**
     * The figures of an evaluation, as {@code evaluate --format json} prints them.
     *
     * @param tickets           tickets evaluated
     * @param resolved          tickets whose last attempt helped
     * @param firstFixHitRate   share of resolved tickets whose helping fix was the advice's first fix
     * @param helpedRank        resolved tickets by the step of the replay at which the advice reached the
     *                          fix that helped ({@code "never"}: it escalated or stopped first)
     * @param meanAttempts      attempts per ticket in the replay (the estimator above)
     * @param meanMinutes       minutes per ticket in the replay, escalation included
     * @param replayResolved    share of tickets the replay resolved (the rest escalated or ran out)
     * @param escalated         share of tickets the replay escalated
     * @param observedAttempts  attempts per ticket as recorded
     * @param observedMinutes   minutes per ticket as recorded (attempts without minutes at the data's)
     * @param brier             mean squared error of the predicted chance of each recorded attempt
     * @param logLoss           mean log loss of the same predictions
     * @param calibration       predicted chance in tenths against the observed share that helped
     * @param fixes             per fix: attempts recorded, mean predicted chance, observed share that helped
     * @param rules             per evidence rule: what happened in the tickets it fired in
     */
    public record Figures(int tickets, int resolved, double firstFixHitRate, Map<String, Integer> helpedRank,
                          double meanAttempts, double meanMinutes, double replayResolved, double escalated,
                          double observedAttempts, double observedMinutes, double brier, double logLoss,
                          List<Bin> calibration, List<FixFigures> fixes, List<RuleFigures> rules) {

        static Figures of(List<TicketResult> results, BeliefModel model) {
            int n = results.size();
            int resolved = (int) results.stream().filter(TicketResult::resolved).count();
            int ticketsResolved = (int) results.stream().filter(r -> r.helpedFix() != null).count();
            long hits = results.stream().filter(r -> r.helpedFix() != null && r.helpedFix().equals(r.firstFix())).count();
            Map<String, Integer> ranks = new TreeMap<>((a, b) -> rankOrder(a) - rankOrder(b));
            results.stream().filter(r -> r.helpedFix() != null).forEach(r ->
                    ranks.merge(r.helpedRank() == null ? "never" : String.valueOf(r.helpedRank()), 1, Integer::sum));
            List<Prediction> predictions = results.stream().flatMap(r -> r.predictions().stream()).toList();
            double brier = 0;
            double logLoss = 0;
            int[] binCount = new int[BINS];
            int[] binHelped = new int[BINS];
            double[] binChance = new double[BINS];
            Map<String, double[]> perFix = new TreeMap<>(); // attempts, chance sum, helped
            for (Prediction p : predictions) {
                double outcome = p.helped() ? 1 : 0;
                brier += (p.chance() - outcome) * (p.chance() - outcome);
                double clipped = Math.min(1 - 1e-6, Math.max(1e-6, p.chance()));
                logLoss -= p.helped() ? Math.log(clipped) : Math.log(1 - clipped);
                int bin = Math.min(BINS - 1, (int) (p.chance() * BINS));
                binCount[bin]++;
                binChance[bin] += p.chance();
                binHelped[bin] += p.helped() ? 1 : 0;
                double[] f = perFix.computeIfAbsent(p.fix(), k -> new double[3]);
                f[0]++;
                f[1] += p.chance();
                f[2] += outcome;
            }
            List<Bin> bins = new ArrayList<>();
            for (int b = 0; b < BINS; b++) {
                if (binCount[b] > 0) {
                    bins.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, binCount[b],
                            round(binChance[b] / binCount[b]), round(binHelped[b] / (double) binCount[b])));
                }
            }
            List<FixFigures> fixes = new ArrayList<>();
            perFix.forEach((fix, f) -> fixes.add(new FixFigures(fix, (int) f[0], round(f[1] / f[0]), round(f[2] / f[0]))));
            return new Figures(n, ticketsResolved, rate(hits, ticketsResolved), ranks,
                    round(mean(results, r -> r.attempts())), round(mean(results, TicketResult::minutes)),
                    rate(resolved, n), rate(results.stream().filter(TicketResult::escalated).count(), n),
                    round(mean(results, r -> r.observedAttempts())), round(mean(results, TicketResult::observedMinutes)),
                    predictions.isEmpty() ? 0 : round(brier / predictions.size()),
                    predictions.isEmpty() ? 0 : round(logLoss / predictions.size()),
                    bins, fixes, RuleFigures.of(results, model));
        }

        private static int rankOrder(String rank) {
            return rank.equals("never") ? Integer.MAX_VALUE : Integer.parseInt(rank);
        }
    }

    /** One bin of the calibration plot. */
    public record Bin(double from, double to, int attempts, double meanChance, double observed) {
    }

    /** Calibration of one fix: how often the knowledge expected it to help, and how often it did. */
    public record FixFigures(String fix, int attempts, double meanChance, double observed) {
    }

    /**
     * What happened in the tickets an evidence rule fired in.
     *
     * @param rule          the rule's name
     * @param tickets       tickets it fired in
     * @param firstFixHits  share of those (resolved) whose helping fix was the advice's first
     * @param namedHelped   share of those (resolved) that a fix for a cause the rule speaks for (λ > 1) resolved
     * @param meanMinutes   replayed minutes per ticket among them
     */
    public record RuleFigures(String rule, int tickets, double firstFixHits, double namedHelped, double meanMinutes) {
        static List<RuleFigures> of(List<TicketResult> results, BeliefModel model) {
            List<RuleFigures> rules = new ArrayList<>();
            for (String rule : new java.util.TreeSet<>(model.evidenceRules())) {
                List<TicketResult> fired = results.stream().filter(r -> r.fired().contains(rule)).toList();
                if (fired.isEmpty()) {
                    rules.add(new RuleFigures(rule, 0, 0, 0, 0));
                    continue;
                }
                List<TicketResult> resolved = fired.stream().filter(r -> r.helpedFix() != null).toList();
                long hits = resolved.stream().filter(r -> r.helpedFix().equals(r.firstFix())).count();
                long named = resolved.stream().filter(r -> model.likelihoods().get(rule).entrySet().stream()
                        .anyMatch(e -> e.getValue() > 1 && model.resolves(r.helpedFix(), e.getKey()) > 0)).count();
                rules.add(new RuleFigures(rule, fired.size(), rate(hits, resolved.size()), rate(named, resolved.size()),
                        round(mean(fired, TicketResult::minutes))));
            }
            return rules;
        }
    }

    private static double mean(List<TicketResult> results, java.util.function.ToDoubleFunction<TicketResult> value) {
        return results.isEmpty() ? 0 : results.stream().mapToDouble(value).sum() / results.size();
    }

    private static double rate(long count, long of) {
        return of == 0 ? 0 : round(count / (double) of);
    }

    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
