package io.streamfix.learning;

import io.streamfix.model.FixResult;
import io.streamfix.model.TriedFix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a {@link BeliefModel} to ticket outcomes by expectation–maximisation over each ticket's hidden
 * cause (README "Calibrate: the method"). What a ticket shows: the evidence rules that fired for its
 * facts, and each attempt's fix and result. Under cause c a ticket has weight
 * baseRate(c) · Π λ(rule, c) over the fired rules · Π resolves(f, c) or (1 − resolves(f, c)) over its
 * attempts, as they helped or failed. The E-step turns these weights into P(c | ticket); the M-step
 * re-estimates every number from the expected counts, each with a prior of pseudo-counts centred on the
 * shipped number, so that a number the history says little about stays where the rule author put it.
 * A rule's finding may bear on a cause the rule does not name (its λ is 1 there): a first round fits those
 * too, and where the history moves one far enough ({@link #ADDED_RATIO}) the rule gets a line for it.
 * A number the data makes zero (a fix that does not address a cause, a rule that rules a cause out)
 * stays zero: that structure is the rule author's, and it is what makes the causes identifiable.
 *
 * <pre>{@code
 * Calibration.Result fit = Calibration.fit(shipped, observations, Calibration.Prior.DEFAULT);
 * fit.model().baseRates();
 * }</pre>
 *
 * <p>Deterministic: it starts from the shipped numbers and visits tickets in order.
 */
public final class Calibration {
    private static final int MAX_ITERATIONS = 500;
    private static final double TOLERANCE = 1e-9;
    /** Keeps a fitted chance off 0 and 1, where one contrary attempt would make a ticket impossible. */
    private static final double CHANCE_FLOOR = 1e-3;
    /**
     * How far from 1 the history must move the λ of a cause a rule does not name before the rule gets a
     * line for it: a quarter either way, so that noise does not add lines to the diff.
     */
    static final double ADDED_RATIO = 1.25;
    /** ... and by so many standard deviations of the count of tickets it fired in (see Fit#addLines). */
    static final double ADDED_Z = 4;

    /**
     * How strongly the shipped numbers hold, in pseudo-counts: a shipped number weighs as much as this
     * many tickets (base rates, likelihood ratios) or attempts (resolves, minutes) that agree with it.
     */
    public record Prior(double baseRateTickets, double likelihoodTickets, double resolvesAttempts, double minutesAttempts) {
        public static final Prior DEFAULT = new Prior(20, 10, 4, 3);
    }

    /** What one ticket shows: the evidence rules that fired for its facts, and its attempts in order. */
    public record Observation(Set<String> fired, List<TriedFix> attempts) {
        public Observation {
            fired = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(fired));
            attempts = List.copyOf(attempts);
        }
    }

    /**
     * The fitted model, and what it rests on.
     *
     * @param model          the fitted numbers
     * @param iterations     EM iterations run
     * @param logLikelihood  of the tickets under the fitted model (the prior not counted)
     * @param tickets        tickets used (those some cause explains)
     * @param attempts       attempts of each fix seen, by fix
     * @param timed          attempts of each fix with minutes, by fix
     * @param fired          tickets each evidence rule fired in, by rule
     */
    public record Result(BeliefModel model, int iterations, double logLikelihood, int tickets,
                         Map<String, Integer> attempts, Map<String, Integer> timed, Map<String, Integer> fired) {
    }

    private Calibration() {
    }

    public static Result fit(BeliefModel shipped, List<Observation> observations, Prior prior) {
        return new Fit(shipped, observations, prior).run();
    }

    /** The EM state: arrays indexed by cause, fix and rule, for speed on thousands of tickets. */
    private static final class Fit {
        private final BeliefModel shipped;
        private final Prior prior;
        private final List<String> causes;
        private final List<String> fixes;
        private final List<String> rules;
        private final int[][] ticketRules;     // per ticket: indexes of the fired rules
        private final int[][] ticketFixes;     // per ticket: index of each attempt's fix (-1: not a fix with resolves)
        private final boolean[][] ticketHelped;
        private final double[] pi;
        private final double[][] lambda;       // [rule][cause]
        private final boolean[][] named;       // [rule][cause]: the rule names the cause (or gets a line for it, addLines)
        private final double[][] rho;          // [fix][cause]
        private final boolean[][] addresses;   // [fix][cause]: resolves has a non-zero number

        Fit(BeliefModel shipped, List<Observation> observations, Prior prior) {
            this.shipped = shipped;
            this.prior = prior;
            this.causes = shipped.causes();
            this.fixes = new ArrayList<>(shipped.resolves().keySet());
            this.rules = new ArrayList<>(shipped.likelihoods().keySet());
            int n = observations.size();
            ticketRules = new int[n][];
            ticketFixes = new int[n][];
            ticketHelped = new boolean[n][];
            for (int t = 0; t < n; t++) {
                Observation o = observations.get(t);
                ticketRules[t] = o.fired().stream().mapToInt(rules::indexOf).filter(i -> i >= 0).sorted().toArray();
                ticketFixes[t] = o.attempts().stream().mapToInt(a -> fixes.indexOf(a.fix())).toArray();
                ticketHelped[t] = new boolean[o.attempts().size()];
                for (int i = 0; i < o.attempts().size(); i++) {
                    ticketHelped[t][i] = o.attempts().get(i).result() == FixResult.HELPED;
                }
            }
            int k = causes.size();
            pi = new double[k];
            double total = causes.stream().mapToDouble(c -> shipped.baseRates().getOrDefault(c, 0.0)).sum();
            for (int c = 0; c < k; c++) {
                pi[c] = total > 0 ? shipped.baseRates().getOrDefault(causes.get(c), 0.0) / total : 1.0 / k;
            }
            lambda = new double[rules.size()][k];
            named = new boolean[rules.size()][k];
            for (int r = 0; r < rules.size(); r++) {
                for (int c = 0; c < k; c++) {
                    lambda[r][c] = shipped.likelihood(rules.get(r), causes.get(c));
                    named[r][c] = shipped.likelihoods().get(rules.get(r)).containsKey(causes.get(c));
                }
            }
            rho = new double[fixes.size()][k];
            addresses = new boolean[fixes.size()][k];
            for (int f = 0; f < fixes.size(); f++) {
                for (int c = 0; c < k; c++) {
                    rho[f][c] = shipped.resolves(fixes.get(f), causes.get(c));
                    addresses[f][c] = rho[f][c] > 0;
                }
            }
            this.observations = observations;
            this.firesSeen = new double[rules.size()][k];
        }

        private final List<Observation> observations;
        // The last M-step's expected counts: tickets per cause, and tickets each rule fired in per cause
        // (for the lines a rule gets, addLines).
        private double[] perCauseSeen;
        private double[][] firesSeen;
        /** Whether λ of the causes a rule does not name is fitted too (the first round). */
        private boolean free;
        private double logLikelihood;
        private int used;

        /**
         * Two rounds of EM. The first also fits λ for the causes a rule does not name; where the history
         * moves one of those past {@link #ADDED_RATIO} (either way), the rule gets a line for that cause.
         * The second fits the numbers of that structure, every other unnamed cause back at 1: so the
         * folder written is exactly the model fitted.
         */
        Result run() {
            free = true;
            int first = iterate();
            free = false;
            for (int r = 0; r < rules.size(); r++) {
                addLines(r);
                for (int c = 0; c < causes.size(); c++) {
                    if (!named[r][c]) {
                        lambda[r][c] = 1;
                    }
                }
            }
            int iterations = first + iterate();
            return new Result(model(), iterations, logLikelihood, used, attemptCounts(false), attemptCounts(true), firedCounts());
        }

        /**
         * The lines rule r gets, one at a time: of the causes it does not name, the one whose count of
         * tickets the rule fired in is furthest (in binomial standard deviations) from what the rate of
         * the other unnamed causes predicts, while that is at least {@link #ADDED_Z} deviations and its
         * ratio to that rate is past {@link #ADDED_RATIO}; the rate is then taken again without it. So a
         * rule that fires in a handful of tickets adds nothing, and one odd cause adds one line, not a
         * line for every cause it shifts the pooled rate of.
         */
        private void addLines(int r) {
            while (true) {
                double refFires = 0;
                double refTickets = 0;
                for (int c = 0; c < causes.size(); c++) {
                    if (!named[r][c]) {
                        refFires += firesSeen[r][c];
                        refTickets += perCauseSeen[c];
                    }
                }
                if (refTickets <= 0) {
                    return;
                }
                double reference = refFires / refTickets;
                int best = -1;
                double bestZ = 0;
                for (int c = 0; c < causes.size(); c++) {
                    double n = perCauseSeen[c];
                    if (named[r][c] || n <= 0) {
                        continue;
                    }
                    double spread = Math.sqrt(Math.max(n * reference * (1 - reference), 1e-12));
                    double z = Math.abs(firesSeen[r][c] - n * reference) / spread;
                    double ratio = (firesSeen[r][c] / n) / Math.max(reference, 1e-12);
                    if (z >= ADDED_Z && Math.abs(Math.log(Math.max(ratio, 1e-12))) > Math.log(ADDED_RATIO) && z > bestZ) {
                        best = c;
                        bestZ = z;
                    }
                }
                if (best < 0) {
                    return;
                }
                named[r][best] = true;
            }
        }

        /** EM until the log-likelihood settles; returns the iterations run. */
        private int iterate() {
            int n = ticketRules.length;
            double[][] w = new double[n][causes.size()];
            double previous = Double.NEGATIVE_INFINITY;
            int iteration = 0;
            while (iteration < MAX_ITERATIONS) {
                iteration++;
                logLikelihood = 0;
                used = 0;
                for (int t = 0; t < n; t++) {
                    double z = weights(t, w[t]);
                    if (z > 0) {
                        logLikelihood += Math.log(z);
                        used++;
                    }
                }
                maximise(w);
                if (Math.abs(logLikelihood - previous) <= TOLERANCE * Math.max(1, Math.abs(logLikelihood))) {
                    break;
                }
                previous = logLikelihood;
            }
            return iteration;
        }

        /** Fills {@code w} with P(cause | ticket t) and returns the ticket's likelihood (0: no cause explains it). */
        private double weights(int t, double[] w) {
            double z = 0;
            for (int c = 0; c < w.length; c++) {
                double weight = pi[c];
                for (int r : ticketRules[t]) {
                    weight *= lambda[r][c];
                }
                for (int i = 0; i < ticketFixes[t].length && weight > 0; i++) {
                    int f = ticketFixes[t][i];
                    if (f < 0 || !anyAddressed(f)) {
                        continue; // the escalation, or a fix the model gives no chances: says nothing of the cause
                    }
                    double p = addresses[f][c] ? clamp(rho[f][c]) : 0;
                    weight *= ticketHelped[t][i] ? p : 1 - p;
                }
                w[c] = weight;
                z += weight;
            }
            for (int c = 0; c < w.length; c++) {
                w[c] = z > 0 ? w[c] / z : 0;
            }
            return z;
        }

        private boolean anyAddressed(int f) {
            for (boolean a : addresses[f]) {
                if (a) {
                    return true;
                }
            }
            return false;
        }

        private static double clamp(double p) {
            return Math.min(1 - CHANCE_FLOOR, Math.max(CHANCE_FLOOR, p));
        }

        private void maximise(double[][] w) {
            int n = w.length;
            int k = causes.size();
            double[] perCause = new double[k];
            for (double[] weights : w) {
                for (int c = 0; c < k; c++) {
                    perCause[c] += weights[c];
                }
            }
            double tickets = 0;
            for (double count : perCause) {
                tickets += count;
            }
            perCauseSeen = perCause;
            // Base rates: a Dirichlet prior worth baseRateTickets tickets, centred on the shipped rates.
            double[] shippedPi = shippedBaseRates();
            for (int c = 0; c < k; c++) {
                pi[c] = (perCause[c] + prior.baseRateTickets() * shippedPi[c]) / (tickets + prior.baseRateTickets());
            }
            // Resolves: a Beta prior worth resolvesAttempts attempts, centred on the shipped chance.
            double[][] helped = new double[fixes.size()][k];
            double[][] tries = new double[fixes.size()][k];
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < ticketFixes[t].length; i++) {
                    int f = ticketFixes[t][i];
                    if (f < 0) {
                        continue;
                    }
                    for (int c = 0; c < k; c++) {
                        tries[f][c] += w[t][c];
                        if (ticketHelped[t][i]) {
                            helped[f][c] += w[t][c];
                        }
                    }
                }
            }
            for (int f = 0; f < fixes.size(); f++) {
                for (int c = 0; c < k; c++) {
                    if (addresses[f][c]) {
                        double p0 = shipped.resolves(fixes.get(f), causes.get(c));
                        rho[f][c] = (helped[f][c] + prior.resolvesAttempts() * p0) / (tries[f][c] + prior.resolvesAttempts());
                    }
                }
            }
            // Likelihood ratios: P(rule fires | c) over P(rule fires | a cause the rule does not name).
            for (int r = 0; r < rules.size(); r++) {
                double[] fires = new double[k];
                for (int t = 0; t < n; t++) {
                    for (int fired : ticketRules[t]) {
                        if (fired == r) {
                            for (int c = 0; c < k; c++) {
                                fires[c] += w[t][c];
                            }
                        }
                    }
                }
                double reference = reference(r, fires, perCause, tickets);
                firesSeen[r] = fires;
                for (int c = 0; c < k; c++) {
                    double lambda0 = named[r][c] ? shipped.likelihood(rules.get(r), causes.get(c)) : 1;
                    if (lambda0 == 0 || (!named[r][c] && !free)) {
                        continue; // a ratio that rules the cause out is structure, kept; an unnamed cause stays at 1
                    }
                    double rate = (fires[c] + prior.likelihoodTickets() * lambda0 * reference)
                            / (perCause[c] + prior.likelihoodTickets());
                    lambda[r][c] = rate / reference;
                }
            }
        }

        /**
         * The rate at which rule r fires under a cause it does not name (λ = 1), held towards the overall
         * rate by a few pseudo-tickets. When the rule names every cause there is no such cause: the rate
         * is then the one that keeps the ratios on the shipped scale (Σ fires = rate · Σ λ0 · tickets).
         */
        private double reference(int r, double[] fires, double[] perCause, double tickets) {
            double refFires = 0;
            double refTickets = 0;
            double allFires = 0;
            double scaledTickets = 0;
            for (int c = 0; c < fires.length; c++) {
                allFires += fires[c];
                if (!named[r][c]) {
                    refFires += fires[c];
                    refTickets += perCause[c];
                } else {
                    scaledTickets += perCause[c] * shipped.likelihood(rules.get(r), causes.get(c));
                }
            }
            double overall = (allFires + 1) / (tickets + 2);
            if (refTickets <= 0) {
                return (allFires + prior.likelihoodTickets() * overall) / (scaledTickets + prior.likelihoodTickets());
            }
            return (refFires + prior.likelihoodTickets() * overall) / (refTickets + prior.likelihoodTickets());
        }

        private double[] shippedBaseRates() {
            int k = causes.size();
            double[] rates = new double[k];
            double total = causes.stream().mapToDouble(c -> shipped.baseRates().getOrDefault(c, 0.0)).sum();
            for (int c = 0; c < k; c++) {
                rates[c] = total > 0 ? shipped.baseRates().getOrDefault(causes.get(c), 0.0) / total : 1.0 / k;
            }
            return rates;
        }

        private BeliefModel model() {
            Map<String, Double> baseRates = new LinkedHashMap<>();
            for (int c = 0; c < causes.size(); c++) {
                baseRates.put(causes.get(c), pi[c]);
            }
            Map<String, Map<String, Double>> likelihoods = new LinkedHashMap<>();
            for (int r = 0; r < rules.size(); r++) {
                Map<String, Double> byCause = new LinkedHashMap<>();
                for (String cause : shipped.likelihoods().get(rules.get(r)).keySet()) {
                    int c = causes.indexOf(cause);
                    byCause.put(cause, c < 0 ? shipped.likelihood(rules.get(r), cause) : lambda[r][c]);
                }
                for (int c = 0; c < causes.size(); c++) {
                    if (named[r][c]) {
                        byCause.putIfAbsent(causes.get(c), lambda[r][c]); // a line addLines added: after the shipped ones
                    }
                }
                likelihoods.put(rules.get(r), byCause);
            }
            Map<String, Map<String, Double>> resolves = new LinkedHashMap<>();
            for (int f = 0; f < fixes.size(); f++) {
                Map<String, Double> byCause = new LinkedHashMap<>();
                for (String cause : shipped.resolves().get(fixes.get(f)).keySet()) {
                    int c = causes.indexOf(cause);
                    byCause.put(cause, c < 0 ? shipped.resolves(fixes.get(f), cause) : rho[f][c]);
                }
                resolves.put(fixes.get(f), byCause);
            }
            return new BeliefModel(causes, baseRates, likelihoods, resolves, minutes());
        }

        /** Mean minutes per fix, with minutesAttempts pseudo-attempts at the shipped minutes. */
        private Map<String, Double> minutes() {
            Map<String, double[]> sums = new LinkedHashMap<>();
            for (Observation o : observations) {
                for (TriedFix attempt : o.attempts()) {
                    if (attempt.minutes() != null) {
                        double[] sum = sums.computeIfAbsent(attempt.fix(), f -> new double[2]);
                        sum[0] += attempt.minutes();
                        sum[1]++;
                    }
                }
            }
            Map<String, Double> minutes = new LinkedHashMap<>();
            shipped.minutes().forEach((fix, m0) -> {
                double[] sum = sums.getOrDefault(fix, new double[2]);
                minutes.put(fix, (sum[0] + prior.minutesAttempts() * m0) / (sum[1] + prior.minutesAttempts()));
            });
            return minutes;
        }

        private Map<String, Integer> attemptCounts(boolean timedOnly) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Observation o : observations) {
                for (TriedFix attempt : o.attempts()) {
                    if (!timedOnly || attempt.minutes() != null) {
                        counts.merge(attempt.fix(), 1, Integer::sum);
                    }
                }
            }
            return counts;
        }

        private Map<String, Integer> firedCounts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Observation o : observations) {
                for (String rule : o.fired()) {
                    if (shipped.likelihoods().containsKey(rule)) {
                        counts.merge(rule, 1, Integer::sum);
                    }
                }
            }
            return counts;
        }
    }
}
