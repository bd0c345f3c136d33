package io.streamfix.model;

import java.util.List;

/**
 * A fix as the diagnosis proposes it: with the steps for this device, its cost and its chance.
 *
 * @param id      the fix id
 * @param title   a short imperative title
 * @param steps   what to do, in order, for this device
 * @param why     why it works
 * @param risky   only for people comfortable doing it
 * @param minutes the typical minutes it takes
 * @param chance  the probability that it ends the error, given what is known and that the plan's steps
 *                before it failed (for the next fix: given what is known now)
 */
public record FixAdvice(String id, String title, List<String> steps, String why, boolean risky,
                        double minutes, double chance) {
    public FixAdvice {
        steps = List.copyOf(steps);
    }
}
