package io.streamfix.simulation;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How one symptom fact behaves in a population: the values it takes under each cause, and how often a
 * viewer reports it at all. When that chance is the same for every cause, a fact left out says nothing
 * about the cause; when it differs (viewers who run a VPN may not say so), leaving it out is evidence too.
 *
 * @param path     the field of the symptom file, e.g. {@code network.vpn_active}
 * @param values   the values it can take, as a symptom file writes them ({@code true}/{@code false} for a
 *                 true/false fact, {@code smart_tv}, … for a choice)
 * @param reported for every cause, P(the viewer reports this fact | cause)
 * @param given    for every cause, P(value | cause), aligned with {@code values}; each sums to 1
 */
public record FactModel(String path, List<String> values, Map<String, Double> reported, Map<String, double[]> given) {

    public FactModel {
        values = List.copyOf(values);
        reported = Map.copyOf(reported);
        given = Map.copyOf(given);
    }

    /** P(the viewer reports this fact | {@code cause}). */
    public double reported(String cause) {
        return reported.get(cause);
    }

    /** P(this fact has {@code value} | {@code cause}); 0 for a value it never takes. */
    public double probability(String value, String cause) {
        int index = values.indexOf(value);
        return index < 0 ? 0 : given.get(cause)[index];
    }

    /** A value drawn for a viewer whose cause is {@code cause}; consumes one number of {@code random}. */
    String sample(String cause, SplittableRandom random) {
        double[] p = given.get(cause);
        double u = random.nextDouble() * java.util.Arrays.stream(p).sum(); // a file may sum to 1 only within rounding
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            if (u < sum) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1); // rounding
    }
}
