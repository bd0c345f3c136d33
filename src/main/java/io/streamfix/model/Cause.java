package io.streamfix.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A cause with the confidence its evidence gives it: concluded by {@code causes.drl}.
 *
 * <p>The confidence combines the certainty factors of the evidence the way MYCIN did, one piece at a
 * time, in an order that does not change the result:
 * <ul>
 *   <li>both for ({@code a, b > 0}): {@code a + b(1 - a)}</li>
 *   <li>both against ({@code a, b < 0}): {@code a + b(1 + a)}</li>
 *   <li>otherwise: {@code (a + b) / (1 - min(|a|, |b|))}, and 0 when one is 1 and the other -1</li>
 * </ul>
 * The combined factor is in [-1, 1]; the confidence is that factor floored at 0, since a cause the
 * evidence speaks against is simply not likely, rounded to three decimals.
 *
 * @param id         the cause id
 * @param title      its meaning in plain words
 * @param confidence in [0, 1]
 * @param evidence   the evidence behind it, strongest first
 */
public record Cause(String id, String title, double confidence, List<Evidence> evidence) {

    /** Strongest first; ties in a fixed order, so that a cause reads the same whatever order its evidence came in. */
    private static final Comparator<Evidence> STRONGEST_FIRST =
            Comparator.comparingDouble((Evidence e) -> -Math.abs(e.weight()))
                    .thenComparing(Evidence::rule)
                    .thenComparing(Evidence::reason)
                    .thenComparingDouble(Evidence::weight);

    public Cause {
        evidence = List.copyOf(evidence);
    }

    /** Concludes a known cause from its evidence: the rules' way to create a Cause. */
    public static Cause from(KnownCause cause, List<Evidence> evidence) {
        // Runs whenever a cause's evidence changes (for every answer the questions try): no streams.
        Evidence[] strongestFirst = evidence.toArray(new Evidence[0]);
        Arrays.sort(strongestFirst, STRONGEST_FIRST);
        double factor = 0.0;
        for (Evidence found : strongestFirst) {
            factor = combine(factor, found.weight());
        }
        return new Cause(cause.id(), cause.title(), round(Math.max(0.0, factor)), List.of(strongestFirst));
    }

    /** MYCIN's combination of certainty factors, each in [-1, 1]; 0 for none. */
    public static double combine(double... factors) {
        double combined = 0.0;
        for (double factor : factors) {
            combined = combine(combined, factor);
        }
        return combined;
    }

    /** Three decimals are all a reader can use, and they keep JSON output tidy. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static double combine(double a, double b) {
        if (a >= 0 && b >= 0) {
            return a + b * (1 - a);
        }
        if (a <= 0 && b <= 0) {
            return a + b * (1 + a);
        }
        double denominator = 1 - Math.min(Math.abs(a), Math.abs(b));
        return denominator == 0 ? 0.0 : (a + b) / denominator;
    }
}
