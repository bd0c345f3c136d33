package io.streamfix.learning;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbers of the belief model (README "How it decides"): single fault, naive Bayes.
 * P(c | known) ∝ baseRate(c) · Π λ(rule, c) over the evidence rules that fired · Π (1 − resolves(f, c))
 * over the fixes that failed. Calibration fits these numbers; the engine uses them from the data files.
 *
 * <pre>{@code
 * BeliefModel model = RulesData.read(Path.of("rules")).model();
 * double[] p = model.posterior(Set.of("A VPN app masks the IP address"), List.of("restart_network"));
 * }</pre>
 *
 * @param causes      the cause ids, in the data's order
 * @param baseRates   P(cause) before any symptom, by cause
 * @param likelihoods λ by evidence rule name, then by cause (causes a rule does not name have λ = 1)
 * @param resolves    P(fix ends the error | cause), by fix, then by cause (absent = 0)
 * @param minutes     typical minutes of each fix (the escalation's too)
 */
public record BeliefModel(List<String> causes, Map<String, Double> baseRates,
                          Map<String, Map<String, Double>> likelihoods,
                          Map<String, Map<String, Double>> resolves, Map<String, Double> minutes) {
    public BeliefModel {
        causes = List.copyOf(causes);
        baseRates = Map.copyOf(baseRates);
        likelihoods = deepCopy(likelihoods);
        resolves = deepCopy(resolves);
        minutes = Map.copyOf(minutes);
    }

    private static Map<String, Map<String, Double>> deepCopy(Map<String, Map<String, Double>> map) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        // In file order, so that what is printed of them (calibrate's changes) is the same on every run.
        map.forEach((key, inner) -> copy.put(key, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inner))));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** λ of an evidence rule for a cause: 1 when the rule does not name the cause. */
    public double likelihood(String rule, String cause) {
        Map<String, Double> byCause = likelihoods.get(rule);
        return byCause == null ? 1.0 : byCause.getOrDefault(cause, 1.0);
    }

    /** P(fix ends the error | cause). */
    public double resolves(String fix, String cause) {
        Map<String, Double> byCause = resolves.get(fix);
        return byCause == null ? 0.0 : byCause.getOrDefault(cause, 0.0);
    }

    /**
     * P(cause | the evidence rules that fired, the fixes that failed), in {@link #causes} order; all
     * zeros when the evidence rules out every cause.
     */
    public double[] posterior(Collection<String> firedRules, Collection<String> failedFixes) {
        double[] p = new double[causes.size()];
        double total = 0;
        for (int c = 0; c < p.length; c++) {
            String cause = causes.get(c);
            double weight = baseRates.getOrDefault(cause, 0.0);
            for (String rule : firedRules) {
                weight *= likelihood(rule, cause);
            }
            for (String fix : failedFixes) {
                weight *= 1 - resolves(fix, cause);
            }
            p[c] = weight;
            total += weight;
        }
        if (total > 0) {
            for (int c = 0; c < p.length; c++) {
                p[c] /= total;
            }
        }
        return p;
    }

    /** P(fix ends the error | known) for a posterior over {@link #causes}. */
    public double chance(String fix, double[] posterior) {
        double chance = 0;
        for (int c = 0; c < posterior.length; c++) {
            chance += posterior[c] * resolves(fix, causes.get(c));
        }
        return chance;
    }

    /** The evidence rules this model has numbers for. */
    public Set<String> evidenceRules() {
        return likelihoods.keySet();
    }
}
