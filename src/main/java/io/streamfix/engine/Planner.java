package io.streamfix.engine;

import io.streamfix.model.Cause;
import io.streamfix.model.Fix;
import io.streamfix.model.Plan;
import io.streamfix.model.PlanStep;
import io.streamfix.model.PlannedFix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the plan that minimises the expected minutes to resolution: which fixes to try, in which
 * order, and when to escalate instead. Called by the rule of {@code rules/decision.drl}, which inserts
 * the {@link Plan} it returns as a fact; the diagnosis is read from that fact.
 *
 * <p>The method is decision-theoretic troubleshooting under a single fault (Kadane &amp; Simon 1977;
 * Heckerman, Breese &amp; Rommelse, CACM 1995):
 * <ol>
 *   <li>The chance that fix f ends the error is P(f) = Σ_c P(c | known) · resolves(f, c).</li>
 *   <li>Take the fix with the highest P(f) / minutes(f) ("P over C"), ties to the article's order;
 *       assume it failed, which lowers each cause c by the factor 1 − resolves(f, c) (Bayes), and take
 *       the next the same way, until no fix left has any chance.</li>
 *   <li>Escalating ends the case for its own minutes E. Following the first k fixes of that order, then
 *       escalating, costs Σ_{i≤k} minutes(f_i) · P(still broken before f_i) + E · P(still broken after
 *       f_k). The plan is the first k fixes for the k with the lowest cost; k = 0 means escalating now:
 *       no fix is worth its time.</li>
 * </ol>
 * With single-cause fixes and free "is it fixed?" checks, step 2 is the optimal order (Kadane &amp;
 * Simon); re-ranking after each assumed failure keeps it near-optimal when one fix addresses several
 * causes. Costs O(n²·c) for n fixes and c causes: a few microseconds for ten fixes, so it runs on every
 * diagnosis, and again for every answer the questions try.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * The plan for a case in progress.
     *
     * @param causes the causes with their probabilities ({@link Cause} facts)
     * @param steps  the fixes left to try ({@link PlanStep} facts)
     * @param fixes  every fix of the knowledge data ({@link Fix} facts), the escalation among them
     */
    public static Plan decide(Collection<?> causes, Collection<?> steps, Collection<?> fixes) {
        List<Cause> likely = new ArrayList<>(causes.size());
        for (Object cause : causes) {
            if (cause instanceof Cause found && found.confidence() > 0) {
                likely.add(found);
            }
        }
        Set<String> left = new HashSet<>();
        for (Object step : steps) {
            left.add(((PlanStep) step).fix());
        }
        List<Fix> candidates = new ArrayList<>();
        double escalation = Double.NaN;
        for (Object item : fixes) {
            Fix fix = (Fix) item;
            if (fix.escalation()) {
                escalation = Double.isNaN(escalation) ? fix.minutes() : Math.min(escalation, fix.minutes());
            } else if (left.contains(fix.id())) {
                candidates.add(fix);
            }
        }
        candidates.sort((a, b) -> a.order() != b.order() ? Integer.compare(a.order(), b.order()) : a.id().compareTo(b.id()));
        // The facts come in the order the session collected them, which differs between a fresh run and
        // an open session: a fixed order keeps the floating-point sums, and so the result, the same.
        likely.sort((a, b) -> a.id().compareTo(b.id()));
        return decide(likely, candidates, Double.isNaN(escalation) ? Double.MAX_VALUE : escalation);
    }

    /** The plan over {@code fixes} (in the article's order) for the probabilities of {@code causes}. */
    static Plan decide(List<Cause> causes, List<Fix> fixes, double escalationMinutes) {
        int n = causes.size();
        // resolves[f][c], and the probability mass of each cause still unresolved (unnormalised).
        double[][] resolves = new double[fixes.size()][n];
        for (int f = 0; f < fixes.size(); f++) {
            for (int c = 0; c < n; c++) {
                resolves[f][c] = fixes.get(f).resolves(causes.get(c).id());
            }
        }
        double[] mass = new double[n];
        double broken = 0;
        for (int c = 0; c < n; c++) {
            mass[c] = causes.get(c).confidence();
            broken += mass[c];
        }
        double start = broken;
        boolean[] used = new boolean[fixes.size()];
        List<Integer> order = new ArrayList<>();
        List<Double> brokenBefore = new ArrayList<>();
        while (broken > 0) {
            int best = -1;
            double bestRatio = 0;
            double bestChance = 0;
            for (int f = 0; f < fixes.size(); f++) {
                if (used[f]) {
                    continue;
                }
                double chance = 0;
                for (int c = 0; c < n; c++) {
                    chance += mass[c] * resolves[f][c];
                }
                double ratio = chance / fixes.get(f).minutes();
                if (chance > 0 && ratio > bestRatio) {
                    best = f;
                    bestRatio = ratio;
                    bestChance = chance;
                }
            }
            if (best < 0) {
                break; // no fix left has any chance
            }
            used[best] = true;
            order.add(best);
            brokenBefore.add(broken);
            broken = 0;
            for (int c = 0; c < n; c++) {
                mass[c] *= 1 - resolves[best][c];
                broken += mass[c];
            }
            if (bestChance >= brokenBefore.get(brokenBefore.size() - 1)) {
                broken = 0; // certain to help: rounding must not leave a sliver of "still broken"
            }
        }
        brokenBefore.add(broken);

        // The cost of trying the first k fixes, then escalating; the plan stops where it is lowest.
        double scale = start > 0 ? 1 / start : 0;
        double bestCost = escalationMinutes * (start > 0 ? 1 : 0);
        int stop = 0;
        double spent = 0;
        for (int k = 1; k <= order.size(); k++) {
            spent += fixes.get(order.get(k - 1)).minutes() * brokenBefore.get(k - 1) * scale;
            double cost = spent + escalationMinutes * brokenBefore.get(k) * scale;
            if (cost < bestCost) {
                bestCost = cost;
                stop = k;
            }
        }
        if (start <= 0) {
            return new Plan(List.of(), escalationMinutes, true, escalationMinutes);
        }
        List<PlannedFix> planned = new ArrayList<>(stop);
        for (int k = 0; k < stop; k++) {
            Fix fix = fixes.get(order.get(k));
            double chance = 1 - brokenBefore.get(k + 1) / brokenBefore.get(k);
            planned.add(new PlannedFix(fix.id(), k + 1, round(chance), fix.minutes()));
        }
        return new Plan(planned, round(stop == 0 ? escalationMinutes : bestCost), stop == 0, escalationMinutes);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
