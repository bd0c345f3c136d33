package io.streamfix.simulation;

import io.streamfix.model.Symptoms;

import java.util.Optional;

/**
 * The best possible advice for a population: the policy that knows the generating model. From the exact
 * posterior over causes given the reported facts and the failed fixes ({@link Posterior}), it finds the
 * action of least expected minutes to the end of the case by an exact dynamic programme over the subsets
 * of fixes tried (2^9 states with the shipped rules), escalation being a terminal action:
 *
 * <pre>
 * V(S) = min( escalation, min over f not in S of  minutes(f) + P(f fails | S) · V(S ∪ {f}) )
 * </pre>
 *
 * Computed unnormalised, U(S) = P(facts, every fix of S failed) · V(S), so no division is needed. It uses
 * the mean minutes of each fix (an attempt's time does not depend on its outcome in the model, so the
 * mean is what the expectation needs). Ties go to the fix first in the article's order.
 */
public final class OptimalPolicy implements Policy {
    private final Posterior posterior;

    public OptimalPolicy(Population population) {
        this.posterior = new Posterior(population);
    }

    @Override
    public String name() {
        return "optimum";
    }

    @Override
    public Optional<String> next(Symptoms symptoms) {
        int best = solve(symptoms).bestAt(posterior.failedMask(symptoms.tried()));
        return best < 0 ? Optional.empty() : Optional.of(posterior.fixId(best));
    }

    /** The expected minutes to the end of the case if the optimum is followed from these symptoms on. */
    public double expectedMinutes(Symptoms symptoms) {
        Solution solution = solve(symptoms);
        int root = posterior.failedMask(symptoms.tried());
        // Facts the model gives no chance at all: nothing to try, the case goes to support.
        return solution.mass[root] > 0 ? solution.value[root] / solution.mass[root] : posterior.escalationMinutes();
    }

    private Solution solve(Symptoms symptoms) {
        int fixes = posterior.fixCount();
        int causes = posterior.causeCount();
        int states = 1 << fixes;
        double[] facts = posterior.ofFacts(symptoms);
        // weights[S][c] = P(c, facts, every fix of S failed); built from S without its lowest fix.
        double[][] weights = new double[states][];
        double[] mass = new double[states];
        weights[0] = facts;
        mass[0] = Posterior.sum(facts);
        for (int s = 1; s < states; s++) {
            int low = Integer.numberOfTrailingZeros(s);
            double[] before = weights[s & (s - 1)];
            double[] w = new double[causes];
            for (int c = 0; c < causes; c++) {
                w[c] = before[c] * (1 - posterior.resolves(low, c));
            }
            weights[s] = w;
            mass[s] = Posterior.sum(w);
        }
        double[] value = new double[states];
        int[] best = new int[states];
        double escalation = posterior.escalationMinutes();
        for (int s = states - 1; s >= 0; s--) {
            double bestCost = escalation * mass[s];
            int bestFix = -1;
            for (int f = 0; f < fixes; f++) {
                if ((s & (1 << f)) != 0) {
                    continue;
                }
                double cost = posterior.minutes(f) * mass[s] + value[s | (1 << f)];
                if (cost < bestCost - 1e-12 * Math.max(1, Math.abs(bestCost))) {
                    bestCost = cost;
                    bestFix = f;
                }
            }
            value[s] = bestCost;
            best[s] = bestFix;
        }
        return new Solution(value, mass, best);
    }

    private record Solution(double[] value, double[] mass, int[] best) {
        int bestAt(int state) {
            return best[state];
        }
    }
}
