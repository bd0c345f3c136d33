package io.streamfix.model;

/** Where a case stands after a diagnosis. */
public enum Status {
    /** There is a next fix to try. */
    IN_PROGRESS,
    /** A fix that was tried helped. */
    RESOLVED,
    /** Nothing is left to try: hand the case to Netflix support. */
    ESCALATE
}
