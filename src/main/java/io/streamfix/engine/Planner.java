package io.streamfix.engine;

import io.streamfix.model.Cause;
import io.streamfix.model.Fix;
import io.streamfix.model.Plan;
import io.streamfix.model.PlanStep;
import io.streamfix.model.PlannedFix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the plan that minimises the expected minutes to resolution: which fixes to try, in which
 * order, and when to escalate instead. Called by the rule of {@code rules/decision.drl}, which inserts
 * the {@link Plan} it returns as a fact; the diagnosis is read from that fact.
 *
 * <p>The model is decision-theoretic troubleshooting under a single fault, and the quantity minimised is
 * its expected cost of repair (Heckerman, Breese &amp; Rommelse, "Decision-theoretic troubleshooting",
 * CACM 1995):
 * <ul>
 *   <li>Each cause c has the mass m_c = P(c | known); fix f ends the error under c with resolves(f, c).
 *       After the fixes of a set S have all failed, cause c keeps the mass
 *       m_c · Π_{f∈S} (1 − resolves(f, c)) (Bayes), and the case is still broken with the mass B(S),
 *       the sum of those. The chance that f ends the error after S failed is 1 − B(S ∪ {f}) / B(S).</li>
 *   <li>Escalating ends the case for its own minutes E (the escalation fix's {@code minutes}).</li>
 *   <li>A plan is an order of fixes and a point to escalate at. Since the only thing an attempt tells is
 *       "fixed or not", what is known after some fixes failed depends only on which ones did, not on
 *       their order: the state is the set S. The least expected minutes from S on, unnormalised, are
 *       <pre>
 *   V(S) = min( E · B(S),  min over f ∉ S with a chance after S of  minutes(f) · B(S) + V(S ∪ {f}) )
 *       </pre>
 *       and the plan's expected minutes are V(∅) / B(∅). The plan follows the minimising choice from
 *       ∅ on: "try A, then B, then escalate"; when escalating at once is cheapest, no fix is worth its
 *       time and the plan escalates now, even with fixes left. A state nothing is left broken in
 *       (a fix certain to help) costs nothing more and ends the plan.</li>
 * </ul>
 * The dynamic programme over the 2^n subsets of the n fixes that have a chance is ours; it is exact, so
 * it also handles what the classic "P over C" order (the highest P(f) / minutes(f) first, re-ranked after
 * each assumed failure; optimal when each fix addresses one cause, Kadane &amp; Simon 1977) gets wrong: a
 * cheap fix that addresses several causes, or escalating after the cheap fixes rather than after all.
 * Fixes with no chance now, and fixes that cost at least E (escalating is as good at once), are dropped
 * before the search. Ties go to escalating, then to the article's {@code order}, then to the id.
 *
 * <p>Cost: O(2^n · (n + c)) for c causes, n ≤ 9 with the shipped rules (512 states, a few microseconds),
 * so it runs on every diagnosis and again for every answer the questions try. Above {@value #EXACT_LIMIT}
 * fixes (or above 64 causes a fix addresses) it falls back to the P-over-C order with the cheapest point
 * to escalate along it, O(n²·c), which is optimal only in the single-cause case.
 */
public final class Planner {
    /** The most fixes the exact search takes on (2^16 states); above it the P-over-C order is used. */
    static final int EXACT_LIMIT = 16;

    /** A choice beats the one found before only by more than this share: rounding must not break ties. */
    private static final double TIE = 1e-12;

    /** The states the search keeps between calls, per thread, up to this many (n ≤ 12); larger are not kept. */
    private static final int KEPT_STATES = 1 << 12;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        int causeCount = causes.size();
        double start = 0;
        double[] mass = new double[causeCount];
        for (int c = 0; c < causeCount; c++) {
            mass[c] = causes.get(c).confidence();
            start += mass[c];
        }
        if (start <= 0) {
            return new Plan(List.of(), escalationMinutes, true, escalationMinutes);
        }
        // The fixes worth searching: some chance now, and cheaper than escalating (one that costs E or more
        // never beats escalating at once). resolves[f][c] over the causes, in the fixes' order.
        List<Fix> kept = new ArrayList<>(fixes.size());
        List<double[]> resolves = new ArrayList<>(fixes.size());
        for (Fix fix : fixes) {
            if (fix.minutes() >= escalationMinutes) {
                continue;
            }
            double[] row = new double[causeCount];
            boolean helps = false;
            for (int c = 0; c < causeCount; c++) {
                row[c] = fix.resolves(causes.get(c).id());
                helps |= row[c] > 0 && mass[c] > 0;
            }
            if (helps) {
                kept.add(fix);
                resolves.add(row);
            }
        }
        if (kept.isEmpty()) {
            return new Plan(List.of(), round(escalationMinutes), true, escalationMinutes);
        }
        double[][] rows = resolves.toArray(new double[0][]);
        int addressed = 0;
        for (int c = 0; c < causeCount; c++) {
            for (double[] row : rows) {
                if (row[c] > 0 && mass[c] > 0) {
                    addressed++;
                    break;
                }
            }
        }
        return kept.size() <= EXACT_LIMIT && addressed <= Long.SIZE
                ? exact(mass, kept, rows, escalationMinutes)
                : greedy(mass, kept, rows, escalationMinutes, start);
    }

    /** The exact search over the sets of failed fixes (see the class comment). */
    private static Plan exact(double[] mass, List<Fix> fixes, double[][] resolves, double escalation) {
        int n = fixes.size();
        // Only the causes some fix addresses change; the mass of the others is a constant of every state.
        int causeCount = mass.length;
        int[] live = new int[causeCount];
        int width = 0;
        double fixed = 0;
        for (int c = 0; c < causeCount; c++) {
            boolean addressed = false;
            for (double[] row : resolves) {
                addressed |= row[c] > 0;
            }
            if (addressed && mass[c] > 0) {
                live[width++] = c;
            } else {
                fixed += mass[c];
            }
        }
        int states = 1 << n;
        Scratch scratch = SCRATCH.get().fit(states, width, n);
        double[] weights = scratch.weights;
        double[] broken = scratch.broken;
        double[] value = scratch.value;
        long[] alive = scratch.alive;
        byte[] choice = scratch.choice;
        double[] keeps = scratch.keeps;
        long[] addresses = scratch.addresses;
        long[] certain = scratch.certain;
        double[] minutes = scratch.minutes;
        for (int f = 0; f < n; f++) {
            long addressesF = 0;
            long certainF = 0;
            for (int k = 0; k < width; k++) {
                double r = resolves[f][live[k]];
                keeps[f * width + k] = 1 - r;
                if (r > 0) {
                    addressesF |= 1L << k;
                }
                if (r >= 1) {
                    certainF |= 1L << k;
                }
            }
            addresses[f] = addressesF;
            certain[f] = certainF;
            minutes[f] = fixes.get(f).minutes();
        }

        // The masses of every state, each from the state without its lowest fix. A cause a fix is certain
        // to resolve gets exactly 0 (its factor is 0), so "nothing left broken" needs no rounding margin.
        double total = fixed;
        long aliveNow = 0;
        for (int k = 0; k < width; k++) {
            weights[k] = mass[live[k]];
            total += weights[k];
            aliveNow |= 1L << k;
        }
        broken[0] = total;
        alive[0] = aliveNow;
        for (int s = 1; s < states; s++) {
            int f = Integer.numberOfTrailingZeros(s);
            int from = (s & (s - 1)) * width;
            int to = s * width;
            int factor = f * width;
            double sum = fixed;
            for (int k = 0; k < width; k++) {
                double w = weights[from + k] * keeps[factor + k];
                weights[to + k] = w;
                sum += w;
            }
            broken[s] = sum;
            alive[s] = alive[s & (s - 1)] & ~certain[f];
        }

        // V(S) from the largest sets down; choice[S] is the fix to try next, -1 to escalate (or resolved).
        int all = states - 1;
        for (int s = all; s >= 0; s--) {
            double b = broken[s];
            if (b <= 0) {
                value[s] = 0;
                choice[s] = -1;
                continue;
            }
            double best = escalation * b;
            int pick = -1;
            long aliveS = alive[s];
            for (int open = all & ~s; open != 0; open &= open - 1) {
                int f = Integer.numberOfTrailingZeros(open);
                if ((addresses[f] & aliveS) == 0) {
                    continue; // no chance after S
                }
                double cost = minutes[f] * b + value[s | (1 << f)];
                if (cost < best * (1 - TIE)) { // multiplied: E may be Double.MAX_VALUE (no escalation fix)
                    best = cost;
                    pick = f;
                }
            }
            value[s] = best;
            choice[s] = (byte) pick;
        }

        if (choice[0] < 0) {
            return new Plan(List.of(), round(escalation), true, escalation);
        }
        List<PlannedFix> planned = new ArrayList<>();
        for (int s = 0; choice[s] >= 0; ) {
            int f = choice[s];
            int next = s | (1 << f);
            double chance = 1 - broken[next] / broken[s];
            planned.add(new PlannedFix(fixes.get(f).id(), planned.size() + 1, round(chance), minutes[f]));
            s = next;
        }
        return new Plan(planned, round(value[0] / broken[0]), false, escalation);
    }

    /**
     * The fallback for many fixes: the highest P(f) / minutes(f) first, re-ranked after each assumed
     * failure, then the cheapest point along that order to escalate at.
     */
    private static Plan greedy(double[] mass, List<Fix> fixes, double[][] resolves, double escalation, double start) {
        int causeCount = mass.length;
        int n = fixes.size();
        double[] left = mass.clone();
        double broken = start;
        boolean[] used = new boolean[n];
        int[] order = new int[n];
        double[] brokenBefore = new double[n + 1];
        int count = 0;
        while (broken > 0) {
            int best = -1;
            double bestRatio = 0;
            double bestChance = 0;
            for (int f = 0; f < n; f++) {
                if (used[f]) {
                    continue;
                }
                double chance = 0;
                for (int c = 0; c < causeCount; c++) {
                    chance += left[c] * resolves[f][c];
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
            order[count] = best;
            brokenBefore[count++] = broken;
            double before = broken;
            broken = 0;
            for (int c = 0; c < causeCount; c++) {
                left[c] *= 1 - resolves[best][c];
                broken += left[c];
            }
            if (bestChance >= before) {
                broken = 0; // certain to help: rounding must not leave a sliver of "still broken"
            }
        }
        brokenBefore[count] = broken;

        double scale = 1 / start;
        double bestCost = escalation;
        int stop = 0;
        double spent = 0;
        for (int k = 1; k <= count; k++) {
            spent += fixes.get(order[k - 1]).minutes() * brokenBefore[k - 1] * scale;
            double cost = spent + escalation * brokenBefore[k] * scale;
            if (cost < bestCost) {
                bestCost = cost;
                stop = k;
            }
        }
        List<PlannedFix> planned = new ArrayList<>(stop);
        for (int k = 0; k < stop; k++) {
            Fix fix = fixes.get(order[k]);
            double chance = 1 - brokenBefore[k + 1] / brokenBefore[k];
            planned.add(new PlannedFix(fix.id(), k + 1, round(chance), fix.minutes()));
        }
        return new Plan(planned, round(stop == 0 ? escalation : bestCost), stop == 0, escalation);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * The search's arrays, reused by the thread's next call: it runs on every diagnosis and for every
     * answer the questions try, and 2^n-sized allocations each time would cost more than the search.
     */
    private static final class Scratch {
        double[] weights = new double[0];
        double[] broken = new double[0];
        double[] value = new double[0];
        long[] alive = new long[0];
        byte[] choice = new byte[0];
        double[] keeps = new double[0];
        long[] addresses = new long[0];
        long[] certain = new long[0];
        double[] minutes = new double[0];

        /** This scratch when it is large enough (grown if the result may be kept), else a fresh one. */
        Scratch fit(int states, int width, int fixes) {
            if (states > KEPT_STATES) {
                return new Scratch().grow(states, width, fixes);
            }
            return broken.length >= states && weights.length >= states * width && keeps.length >= fixes * width
                    && minutes.length >= fixes ? this : grow(states, width, fixes);
        }

        private Scratch grow(int states, int width, int fixes) {
            int size = Math.max(states, broken.length);
            weights = new double[Math.max(states * width, weights.length)];
            broken = new double[size];
            value = new double[size];
            alive = new long[size];
            choice = new byte[size];
            keeps = new double[Math.max(fixes * width, keeps.length)];
            addresses = new long[Math.max(fixes, addresses.length)];
            certain = new long[Math.max(fixes, certain.length)];
            minutes = new double[Math.max(fixes, minutes.length)];
            return this;
        }
    }
}
