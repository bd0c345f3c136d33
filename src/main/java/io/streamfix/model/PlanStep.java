package io.streamfix.model;

/**
 * A fix the plan rules propose to try. The engine ranks the proposed fixes by the confidence of the
 * causes each addresses, then by the article's order of simplicity.
 *
 * @param fix the fix id
 */
public record PlanStep(String fix) {
}
