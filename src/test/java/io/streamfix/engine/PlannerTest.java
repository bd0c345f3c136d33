package io.streamfix.engine;

import io.streamfix.model.Cause;
import io.streamfix.model.Fix;
import io.streamfix.model.Plan;
import io.streamfix.model.PlanStep;
import io.streamfix.model.PlannedFix;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The plan is the cheapest in expectation of every order of fixes and every point to escalate at. */
class PlannerTest {

    /** A planning problem: causes with their masses, fixes in the article's order, the escalation's minutes. */
    record Problem(List<Cause> causes, List<Fix> fixes, double escalation) {
    }

    @Property(tries = 1000)
    void noOrderOfFixesAndNoPointToEscalateAtBeatsThePlan(@ForAll("problems") Problem problem) {
        Plan plan = Planner.decide(problem.causes(), problem.fixes(), problem.escalation());
        List<Fix> planned = fixesOf(plan, problem.fixes());

        double optimum = Double.MAX_VALUE;
        double optimumFromFirstStep = Double.MAX_VALUE;
        for (List<Fix> sequence : sequences(problem.fixes())) {
            double cost = cost(problem, sequence);
            optimum = Math.min(optimum, cost);
            boolean sameFirstStep = planned.isEmpty() ? sequence.isEmpty()
                    : !sequence.isEmpty() && sequence.get(0).id().equals(planned.get(0).id());
            if (sameFirstStep) {
                optimumFromFirstStep = Math.min(optimumFromFirstStep, cost);
            }
        }

        assertThat(cost(problem, planned)).as("the plan's steps, then escalating").isCloseTo(optimum, within(1e-9));
        assertThat(optimumFromFirstStep).as("the best plan that starts as this one does").isCloseTo(optimum, within(1e-9));
        assertThat(plan.expectedMinutes()).as("rounded to three decimals").isCloseTo(optimum, within(0.0005 + 1e-9));
        assertThat(plan.escalate()).isEqualTo(plan.steps().isEmpty());
        assertThat(plan.escalationMinutes()).isEqualTo(problem.escalation());
        // Each step's chance: P(it ends the error | the steps before it failed).
        double before = broken(problem, List.of());
        for (int i = 0; i < planned.size(); i++) {
            double after = broken(problem, planned.subList(0, i + 1));
            assertThat(plan.steps().get(i).rank()).isEqualTo(i + 1);
            assertThat(plan.steps().get(i).minutes()).isEqualTo(planned.get(i).minutes());
            assertThat(plan.steps().get(i).chance()).isCloseTo(1 - after / before, within(0.0005 + 1e-9));
            assertThat(1 - after / before).as("a step with no chance is never worth its minutes").isPositive();
            before = after;
        }
    }

    @Test
    void aCheapFixForTwoCausesComesFirstWhereChancePerMinuteWouldPutItSecond() {
        // P over C: a (0.3 per minute) beats both (0.285 per minute), so it goes a, both, c, b: 4.2 minutes.
        // Trying both first leaves a with 0.03 only, so the 1-minute fix for a can wait to the end: 4.04.
        List<Cause> causes = List.of(cause("a", 0.3), cause("b", 0.5), cause("c", 0.2));
        List<Fix> fixes = List.of(fix("fix_a", 1, 1, Map.of("a", 1.0)), fix("fix_b", 2, 5, Map.of("b", 1.0)),
                fix("fix_c", 3, 2, Map.of("c", 1.0)), fix("fix_both", 4, 2, Map.of("a", 0.9, "b", 0.6)));

        Plan plan = Planner.decide(causes, fixes, 90);

        assertThat(plan.steps()).extracting(PlannedFix::fix).containsExactly("fix_both", "fix_c", "fix_b", "fix_a");
        assertThat(plan.steps()).extracting(PlannedFix::chance).containsExactly(0.57, 0.465, 0.87, 1.0);
        assertThat(plan.expectedMinutes()).isEqualTo(4.04);
        assertThat(plan.escalate()).isFalse();
    }

    @Test
    void itEscalatesNowWhenNoFixIsWorthItsMinutes() {
        // Trying the fix: 20 + 0.8 · 30 = 44 minutes expected, against 30 for escalating at once.
        Plan plan = Planner.decide(List.of(cause("a", 1.0)), List.of(fix("slow", 1, 20, Map.of("a", 0.2))), 30);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.escalate()).isTrue();
        assertThat(plan.expectedMinutes()).isEqualTo(30.0);
    }

    @Test
    void itTriesTheCheapFixThenEscalatesRatherThanTryingTheDearOne() {
        // quick: 3 + 0.46 · 60 = 30.6; quick then dear: 3 + 0.46 · 40 + 0.26 · 60 = 37; escalating now: 60.
        List<Cause> causes = List.of(cause("a", 0.6), cause("b", 0.4));
        List<Fix> fixes = List.of(fix("quick", 1, 3, Map.of("a", 0.9)), fix("dear", 2, 40, Map.of("b", 0.5)));

        Plan plan = Planner.decide(causes, fixes, 60);

        assertThat(plan.steps()).extracting(PlannedFix::fix).containsExactly("quick");
        assertThat(plan.escalate()).as("escalating is not the next step").isFalse();
        assertThat(plan.expectedMinutes()).isEqualTo(30.6);
    }

    @Test
    void aFixCertainToHelpEndsThePlanWithChanceOne() {
        // half: 1 + 0.65 · 5 = 4.25, then sure ends it; nothing is left broken for the escalation.
        List<Cause> causes = List.of(cause("a", 0.7), cause("b", 0.3));
        List<Fix> fixes = List.of(fix("sure", 1, 5, Map.of("a", 1.0, "b", 1.0)), fix("half", 2, 1, Map.of("a", 0.5)));

        Plan plan = Planner.decide(causes, fixes, 90);

        assertThat(plan.steps()).extracting(PlannedFix::fix).containsExactly("half", "sure");
        assertThat(plan.steps().get(1).chance()).isEqualTo(1.0);
        assertThat(plan.expectedMinutes()).isEqualTo(4.25);
    }

    @Test
    void fixesWithNoChanceOrDearerThanEscalatingAreNeverInThePlan() {
        List<Cause> causes = List.of(cause("a", 1.0), cause("b", 0.0));
        List<Fix> fixes = List.of(fix("for_b", 1, 1, Map.of("b", 1.0)), fix("dear", 2, 90, Map.of("a", 1.0)),
                fix("for_a", 3, 10, Map.of("a", 0.5)));

        Plan plan = Planner.decide(causes, fixes, 90);

        assertThat(plan.steps()).extracting(PlannedFix::fix).containsExactly("for_a");
        assertThat(plan.expectedMinutes()).isEqualTo(10 + 0.5 * 90);
    }

    @Test
    void tiesGoToTheArticlesOrderThenTheIdWhateverOrderTheFactsComeIn() {
        List<Object> causes = List.of(cause("b", 0.5), cause("a", 0.5));
        Fix second = fix("also_a", 2, 2, Map.of("a", 1.0));
        Fix firstById = fix("a_too", 1, 2, Map.of("a", 1.0));
        Fix first = fix("for_a", 1, 2, Map.of("a", 1.0));
        Fix forB = fix("for_b", 3, 2, Map.of("b", 1.0));
        List<Object> steps = List.of(new PlanStep("also_a"), new PlanStep("for_a"), new PlanStep("a_too"), new PlanStep("for_b"));
        Fix escalation = new Fix("support", 9, "t", "w", false, true, 90, Map.of(), Map.of());

        Plan plan = Planner.decide(causes, steps, List.of(second, first, forB, escalation, firstById));
        Plan reversed = Planner.decide(List.of(causes.get(1), causes.get(0)), List.of(steps.get(3), steps.get(2), steps.get(1), steps.get(0)),
                List.of(firstById, escalation, forB, first, second));

        assertThat(plan.steps()).extracting(PlannedFix::fix).containsExactly("a_too", "for_b");
        assertThat(reversed).isEqualTo(plan);
        assertThat(plan.escalationMinutes()).isEqualTo(90.0);
    }

    @Test
    void noChanceAtAllEscalatesNow() {
        Plan plan = Planner.decide(List.of(cause("a", 0.0)), List.of(fix("for_a", 1, 2, Map.of("a", 1.0))), 90);

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.escalate()).isTrue();
        assertThat(plan.expectedMinutes()).isEqualTo(90.0);
    }

    @Test
    void aboveTheExactLimitItFollowsChancePerMinute() {
        // One cause per fix, equal masses: chance per minute puts the quickest first (optimal here, Kadane & Simon).
        int n = Planner.EXACT_LIMIT + 1;
        List<Cause> causes = new ArrayList<>();
        List<Fix> fixes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            causes.add(cause("c" + (char) ('a' + i), 1.0 / n));
            fixes.add(fix("f" + (char) ('a' + i), i + 1, n - i, Map.of("c" + (char) ('a' + i), 1.0)));
        }

        Plan plan = Planner.decide(causes, fixes, 1000);

        assertThat(plan.steps()).hasSize(n);
        assertThat(plan.steps()).extracting(PlannedFix::minutes).isSortedAccordingTo(Double::compare);
        assertThat(plan.steps().get(n - 1).chance()).isEqualTo(1.0);
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += (i + 1) * (double) (n - i) / n; // the fix of i + 1 minutes is tried while n − i causes are left
        }
        assertThat(plan.expectedMinutes()).isCloseTo(expected, within(0.0005));
    }

    // --- the brute force -------------------------------------------------------------------------------

    /** Every sequence of distinct fixes, the empty one included: a plan is one of them, then escalating. */
    private static List<List<Fix>> sequences(List<Fix> fixes) {
        List<List<Fix>> all = new ArrayList<>();
        extend(new ArrayList<>(), fixes, all);
        return all;
    }

    private static void extend(List<Fix> prefix, List<Fix> fixes, List<List<Fix>> all) {
        all.add(List.copyOf(prefix));
        for (Fix fix : fixes) {
            if (!prefix.contains(fix)) {
                prefix.add(fix);
                extend(prefix, fixes, all);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    /** Expected minutes of trying {@code sequence} in order, stopping when fixed, escalating if none helped. */
    private static double cost(Problem problem, List<Fix> sequence) {
        double start = broken(problem, List.of());
        if (start <= 0) {
            return problem.escalation();
        }
        double cost = 0;
        for (int i = 0; i < sequence.size(); i++) {
            cost += sequence.get(i).minutes() * broken(problem, sequence.subList(0, i)) / start;
        }
        return cost + problem.escalation() * broken(problem, sequence) / start;
    }

    /** The mass still broken after every fix of {@code failed} failed (unnormalised). */
    private static double broken(Problem problem, List<Fix> failed) {
        double broken = 0;
        for (Cause cause : problem.causes()) {
            double mass = cause.confidence();
            for (Fix fix : failed) {
                mass *= 1 - fix.resolves(cause.id());
            }
            broken += mass;
        }
        return broken;
    }

    private static List<Fix> fixesOf(Plan plan, List<Fix> fixes) {
        Map<String, Fix> byId = new HashMap<>();
        fixes.forEach(fix -> byId.put(fix.id(), fix));
        return plan.steps().stream().map(step -> byId.get(step.fix())).toList();
    }

    // --- the problems ----------------------------------------------------------------------------------

    @Provide
    Arbitrary<Problem> problems() {
        Arbitrary<Double> mass = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(0.001, 1.0).ofScale(3)));
        Arbitrary<Double> resolves = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0.0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(1.0)),
                net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(0.01, 0.99).ofScale(2)));
        Arbitrary<Double> minutes = Arbitraries.doubles().between(0.5, 30).ofScale(1);
        Arbitrary<Double> escalation = Arbitraries.doubles().between(1, 120).ofScale(1);
        // Mostly 3 to 6 fixes over 2 to 4 causes: where orders differ (P over C is optimal on most small ones).
        Arbitrary<Integer> fixCounts = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 2)),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(3, 6)));
        return Arbitraries.integers().between(1, 4).flatMap(causeCount -> fixCounts.flatMap(fixCount ->
                Combinators.combine(mass.list().ofSize(causeCount), resolves.list().ofSize(causeCount * fixCount),
                        minutes.list().ofSize(fixCount), escalation).as((masses, chances, times, escalate) -> {
                            List<Cause> causes = new ArrayList<>();
                            for (int c = 0; c < causeCount; c++) {
                                causes.add(cause("c" + c, masses.get(c)));
                            }
                            List<Fix> fixes = new ArrayList<>();
                            for (int f = 0; f < fixCount; f++) {
                                Map<String, Double> resolved = new HashMap<>();
                                for (int c = 0; c < causeCount; c++) {
                                    if (chances.get(f * causeCount + c) > 0) {
                                        resolved.put("c" + c, chances.get(f * causeCount + c));
                                    }
                                }
                                fixes.add(fix("f" + f, f + 1, times.get(f), resolved));
                            }
                            return new Problem(causes, fixes, escalate);
                        })));
    }

    private static Cause cause(String id, double confidence) {
        return new Cause(id, id, confidence, confidence, List.of());
    }

    private static Fix fix(String id, int order, double minutes, Map<String, Double> resolves) {
        return new Fix(id, order, id, "why", false, false, minutes, resolves, Map.of());
    }
}
