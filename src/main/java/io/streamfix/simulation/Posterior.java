package io.streamfix.simulation;

import io.streamfix.input.SymptomDocument;
import io.streamfix.model.FixResult;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.List;
import java.util.Map;

/**
 * What the generating model says about a case: P(cause | the reported facts), and how that changes as
 * fixes fail. Exact under the population's own model (single fault, naive Bayes):
 * P(c | facts, failed fixes) ∝ base_rate(c) · Π_reported P(reported | c) · P(value | c)
 * · Π_not reported (1 − P(reported | c)) · Π_failed (1 − P(resolves | c)).
 * When the chance of reporting a fact is the same for every cause, its factor is the same for every
 * cause and changes nothing.
 * Weights are kept unnormalised: their sum is P(the facts and that every failed fix failed), which the
 * expected-cost arithmetic needs as it is.
 */
final class Posterior {
    private final Population population;
    private final List<String> causes;
    /** resolves[f][c] for the population's fixes and causes, in their order. */
    private final double[][] resolves;
    private final double[] minutes;

    Posterior(Population population) {
        this.population = population;
        this.causes = population.causes();
        List<FixModel> fixes = population.fixes();
        resolves = new double[fixes.size()][causes.size()];
        minutes = new double[fixes.size()];
        for (int f = 0; f < fixes.size(); f++) {
            minutes[f] = fixes.get(f).minutes().mean();
            for (int c = 0; c < causes.size(); c++) {
                resolves[f][c] = fixes.get(f).resolves(causes.get(c));
            }
        }
    }

    int fixCount() {
        return minutes.length;
    }

    int causeCount() {
        return causes.size();
    }

    double resolves(int fix, int cause) {
        return resolves[fix][cause];
    }

    /** The mean minutes of a fix. */
    double minutes(int fix) {
        return minutes[fix];
    }

    double escalationMinutes() {
        return population.escalation().mean();
    }

    String fixId(int fix) {
        return population.fixes().get(fix).id();
    }

    int fixIndex(String id) {
        List<FixModel> fixes = population.fixes();
        for (int f = 0; f < fixes.size(); f++) {
            if (fixes.get(f).id().equals(id)) {
                return f;
            }
        }
        return -1;
    }

    /** P(cause and the reported facts), by cause index: the weights before any fix is tried. */
    double[] ofFacts(Symptoms symptoms) {
        Map<String, Object> document = SymptomDocument.toMap(symptoms);
        double[] weights = new double[causes.size()];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = population.baseRates().get(causes.get(c));
        }
        for (FactModel fact : population.facts()) {
            String answer = SymptomDocument.answerOf(document, fact.path());
            String value = answer == null ? null : switch (answer) {
                case "yes" -> "true";
                case "no" -> "false";
                default -> answer;
            };
            for (int c = 0; c < weights.length; c++) {
                double reported = fact.reported(causes.get(c));
                weights[c] *= value == null ? 1 - reported : reported * fact.probability(value, causes.get(c));
            }
        }
        return weights;
    }

    /** The fixes of {@code tried} that failed, as a bit set over the population's fixes. */
    int failedMask(List<TriedFix> tried) {
        int mask = 0;
        for (TriedFix fix : tried) {
            int index = fixIndex(fix.fix());
            if (index >= 0 && fix.result() == FixResult.FAILED) {
                mask |= 1 << index;
            }
        }
        return mask;
    }

    /** The weights after fix {@code fix} failed too (a copy). */
    double[] afterFailure(double[] weights, int fix) {
        double[] after = weights.clone();
        for (int c = 0; c < after.length; c++) {
            after[c] *= 1 - resolves[fix][c];
        }
        return after;
    }

    static double sum(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        return sum;
    }
}
