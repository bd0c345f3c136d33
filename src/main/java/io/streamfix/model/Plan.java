package io.streamfix.model;

import java.util.List;

/**
 * The plan the engine chose for a case still in progress: which fixes to try in which order before
 * escalating, and what that is expected to cost. Derived in the {@code decision} rule group
 * ({@code rules/decision.drl}) from the causes' probabilities and the fixes left to try, and read from
 * there into the diagnosis; a rule of the {@code escalation} group sees it as a fact, e.g.
 * {@code Plan( escalate == true )}.
 *
 * @param steps           the fixes worth trying, in order; empty when escalating is the next step
 * @param expectedMinutes the expected minutes to resolution when the plan is followed, escalation
 *                        included
 * @param escalate        whether escalating is the next step: no fix left is worth its time
 * @param escalationMinutes what escalating costs, from the knowledge data
 */
public record Plan(List<PlannedFix> steps, double expectedMinutes, boolean escalate, double escalationMinutes) {
    public Plan {
        steps = List.copyOf(steps);
    }
}
