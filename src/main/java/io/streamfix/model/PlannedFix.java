package io.streamfix.model;

/**
 * One step of the {@link Plan}: a fix in the order the plan would try it.
 *
 * @param fix     the fix id
 * @param rank    1 for the fix to try now, 2 for the one after it, …
 * @param chance  the probability that it ends the error if the steps ranked before it failed
 *                (for rank 1: given what is known now)
 * @param minutes the typical minutes it takes
 */
public record PlannedFix(String fix, int rank, double chance, double minutes) {
}
