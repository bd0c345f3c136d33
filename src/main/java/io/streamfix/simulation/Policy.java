package io.streamfix.simulation;

import io.streamfix.model.Symptoms;

import java.util.Optional;

/**
 * A way of choosing what to do next in a case: a fix to try, or escalating. The replay asks it after
 * every failed fix, with the failures under {@link Symptoms#tried()}, in order.
 */
public interface Policy {
    /** A short name for reports, e.g. {@code streamfix}. */
    String name();

    /** The id of the fix to try next, or empty to escalate to Netflix support (which ends the case). */
    Optional<String> next(Symptoms symptoms);
}
