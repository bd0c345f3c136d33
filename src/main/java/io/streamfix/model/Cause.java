package io.streamfix.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cause with the probability its evidence gives it: concluded by {@code causes.drl}.
 *
 * <p>The model is a single-fault naive Bayes (Heckerman, Breese &amp; Rommelse, "Decision-theoretic
 * troubleshooting", CACM 1995): exactly one cause is at work, and the findings are independent given
 * the cause. So the odds of each cause are its base rate times the likelihood ratios of its evidence,
 * and the probabilities are the odds normalised over the known causes:
 * <pre>
 *   P(c | what is known) ∝ base_rate(c) · Π λ(evidence for c)
 * </pre>
 * A fix that failed is evidence too (its λ is 1 − how likely it was to resolve the cause), so it lowers
 * the causes it addresses by how likely it was to fix them.
 *
 * @param id         the cause id
 * @param title      its meaning in plain words
 * @param confidence the probability that this is the cause, given what is known (0 to 1, three decimals)
 * @param baseRate   its probability before anything is known, from the knowledge data
 * @param evidence   the evidence behind it, strongest first
 */
public record Cause(String id, String title, double confidence, double baseRate, List<Evidence> evidence) {

    /** Strongest first (furthest from λ = 1 either way); ties in a fixed order, whatever order the evidence came in. */
    private static final Comparator<Evidence> STRONGEST_FIRST =
            Comparator.comparingDouble((Evidence e) -> -strength(e.weight()))
                    .thenComparing(Evidence::rule)
                    .thenComparing(Evidence::reason)
                    .thenComparingDouble(Evidence::weight);

    public Cause {
        evidence = List.copyOf(evidence);
    }

    /**
     * The probability of every known cause given the evidence: the rules' way to create Causes.
     * Evidence about a cause that is not known is ignored. When the evidence rules out every cause,
     * each gets probability 0.
     *
     * @param known    the known causes, with their base rates
     * @param evidence every piece of evidence the rules found
     */
    public static List<Cause> posteriors(List<KnownCause> known, List<Evidence> evidence) {
        // Runs whenever any evidence changes (for every answer the questions try): plain loops. The
        // causes in a fixed order, so that the sums (and their rounding) do not depend on the order in
        // which a session collected them.
        known = new ArrayList<>(known);
        known.sort(Comparator.comparing(KnownCause::id));
        Map<String, List<Evidence>> byCause = new HashMap<>();
        for (Evidence found : evidence) {
            byCause.computeIfAbsent(found.cause(), id -> new ArrayList<>()).add(found);
        }
        double[] odds = new double[known.size()];
        Evidence[][] sorted = new Evidence[known.size()][];
        double total = 0;
        for (int i = 0; i < odds.length; i++) {
            KnownCause cause = known.get(i);
            sorted[i] = byCause.getOrDefault(cause.id(), List.of()).toArray(new Evidence[0]);
            Arrays.sort(sorted[i], STRONGEST_FIRST); // also fixes the order of the products below
            double value = cause.baseRate();
            for (Evidence found : sorted[i]) {
                value *= found.weight();
            }
            odds[i] = value;
            total += value;
        }
        List<Cause> causes = new ArrayList<>(odds.length);
        for (int i = 0; i < odds.length; i++) {
            KnownCause cause = known.get(i);
            causes.add(new Cause(cause.id(), cause.title(), total > 0 ? round(odds[i] / total) : 0.0,
                    cause.baseRate(), List.of(sorted[i])));
        }
        return causes;
    }

    /** How far a likelihood ratio moves the odds, either way: |ln λ| (a ruled-out cause is strongest). */
    private static double strength(double weight) {
        return weight == 0 ? Double.POSITIVE_INFINITY : Math.abs(Math.log(weight));
    }

    /** Three decimals are all a reader can use, and they keep JSON output tidy. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
