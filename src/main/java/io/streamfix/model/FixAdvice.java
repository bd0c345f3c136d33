package io.streamfix.model;

import java.util.List;

/**
 * A fix as the diagnosis proposes it: with the steps for this device.
 *
 * @param id    the fix id
 * @param title a short imperative title
 * @param steps what to do, in order, for this device
 * @param why   why it works
 * @param risky only for people comfortable doing it
 */
public record FixAdvice(String id, String title, List<String> steps, String why, boolean risky) {
    public FixAdvice {
        steps = List.copyOf(steps);
    }
}
