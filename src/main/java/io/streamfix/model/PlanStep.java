package io.streamfix.model;

/**
 * A fix the plan rules leave to try. The decision rule ({@code rules/decision.drl}) orders them by
 * expected minutes into the {@link Plan}, or escalates.
 *
 * @param fix the fix id
 */
public record PlanStep(String fix) {
}
