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
 * The dynamic programme over the 2^n subsets of the n fixes that have a chance is ours. Being exact, it
 * also gets right what the classic "P over C" order gets wrong (the highest P(f) / minutes(f) first,
 * re-ranked after each assumed failure, with the cheapest point along it to escalate at: Heckerman,
 * Breese &amp; Rommelse, after Kadane &amp; Simon 1977; optimal when each fix addresses one cause): a cheap
 * fix for several causes that is worth trying before a likelier single-cause one, or escalating after the
 * cheap fixes where that order would first try a dear one. Fixes with no chance now, and fixes that cost
 * at least E (escalating at once is as good), are dropped before the search. Ties (within a relative
 * 10^-12, so that rounding does not decide) go to escalating, then to the article's {@code order}, then to
 * the id.
 *
 * <p>Cost: O(2^n · (n + c)) for c causes. The plan runs on every diagnosis and again for every answer
 * the questions try, so the exact search is used up to {@value #EXACT_LIMIT} fixes with a chance (64
 * states, under a microsecond); above, the P-over-C order with its cheapest point to escalate at,
 * O(n²·c): near-optimal, not exact. Why the limit: with nine fixes (512 states, a fresh case of the
 * shipped rules) the search cost about 4.5 µs against P over C's 1.3 µs, some 12% of a whole diagnosis,
 * and on the shipped populations both advised alike to the last digit of the replay (over 3,000 random
 * posteriors of the shipped knowledge the exact plan was cheaper in 0.8% of them, by 0.05 minutes on
 * average): the fixes left after a few have failed, where the two differ more, get the exact plan.
 */
public final class Planner {
    /** The most fixes the exact search takes on (2^6 states); above it the P-over-C order is used. */
    static final int EXACT_LIMIT = 6;

    /** Choices this close (relative) to the best count as ties: rounding must not decide between them. */
    private static final double TIE = 1e-12;

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
        return kept.size() <= EXACT_LIMIT
                ? exact(mass, kept, rows, escalationMinutes)
                : greedy(mass, kept, rows, escalationMinutes, start);
    }

    /** The exact search over the sets of failed fixes (see the class comment). */
    private static Plan exact(double[] mass, List<Fix> articleOrder, double[][] articleResolves, double escalation) {
        int n = articleOrder.size();
        // Fix f is bit f, the quickest fix first, so that the search can stop at the first fix whose minutes
        // alone cost more than the best choice found (ties in minutes keep the article's order). bit[i] is
        // the bit of the i-th fix in the article's order, which the plan's ties follow.
        Integer[] quickest = new Integer[n];
        for (int i = 0; i < n; i++) {
            quickest[i] = i;
        }
        Arrays.sort(quickest, (a, b) -> Double.compare(articleOrder.get(a).minutes(), articleOrder.get(b).minutes()));
        List<Fix> fixes = new ArrayList<>(n);
        double[][] resolves = new double[n][];
        int[] bit = new int[n];
        for (int f = 0; f < n; f++) {
            fixes.add(articleOrder.get(quickest[f]));
            resolves[f] = articleResolves[quickest[f]];
            bit[quickest[f]] = f;
        }
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
        int states = 1 << n; // at most 2^EXACT_LIMIT: arrays this small are cheap to make on each call
        double[] share = new double[states];
        double[] broken = new double[states];
        double[] value = new double[states];
        double[] minutes = new double[n];
        for (int f = 0; f < n; f++) {
            minutes[f] = fixes.get(f).minutes();
        }

        // broken[S], one cause at a time: its share of the mass after the fixes of S failed, built from
        // the sets of the lower fixes (S = {f} ∪ T, T below f: share[S] = share[T] · (1 − resolves(f, c))),
        // contiguous loops the JIT vectorises. A cause a fix is certain to resolve gets exactly 0 (its
        // factor is 0), so "nothing left broken" is an exact 0: no sliver.
        Arrays.fill(broken, fixed);
        for (int k = 0; k < width; k++) {
            int c = live[k];
            share[0] = mass[c];
            for (int f = 0; f < n; f++) {
                int low = 1 << f;
                double keep = 1 - resolves[f][c];
                if (keep == 1) {
                    System.arraycopy(share, 0, share, low, low);
                } else {
                    for (int t = 0; t < low; t++) {
                        share[low + t] = share[t] * keep;
                    }
                }
            }
            for (int t = 0; t < states; t++) {
                broken[t] += share[t];
            }
        }

        // V(S) from the largest sets down: only the value here, the choices are found again along the plan.
        // A fix with no chance after S is never the minimum: it costs its minutes more than V(S) itself.
        int all = states - 1;
        for (int s = all; s >= 0; s--) {
            double b = broken[s];
            double best = escalation * b;
            if (b > 0) {
                for (int open = all & ~s; open != 0; open &= open - 1) {
                    int f = Integer.numberOfTrailingZeros(open);
                    double spent = minutes[f] * b;
                    if (spent >= best) {
                        break; // this fix and every slower one cost more than the best already (V ≥ 0)
                    }
                    double cost = spent + value[s | (1 << f)];
                    if (cost < best) {
                        best = cost;
                    }
                }
            } else {
                best = 0; // nothing left broken
            }
            value[s] = best;
        }

        // The plan follows the minimum from the empty set on; choices within a rounding error of it go
        // to escalating, then to the first fix in the article's order.
        List<PlannedFix> planned = new ArrayList<>();
        for (int s = 0; broken[s] > 0; ) {
            double b = broken[s];
            double enough = value[s] * (1 + TIE);
            if (escalation * b <= enough) {
                break;
            }
            int pick = -1;
            for (int i = 0; i < n && pick < 0; i++) {
                int f = bit[i];
                if ((s & (1 << f)) == 0 && minutes[f] * b + value[s | (1 << f)] <= enough) {
                    pick = f;
                }
            }
            if (pick < 0) {
                break; // cannot happen: the minimum is one of the costs compared above, computed alike
            }
            int next = s | (1 << pick);
            double chance = 1 - broken[next] / b;
            planned.add(new PlannedFix(fixes.get(pick).id(), planned.size() + 1, round(chance), minutes[pick]));
            s = next;
        }
        if (planned.isEmpty()) {
            return new Plan(List.of(), round(escalation), true, escalation);
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
}
