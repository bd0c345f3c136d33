package io.streamfix.cases;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.time.Instant;

/**
 * A step as the store keeps it: numbered in the order it was recorded, with its time and the advice
 * that followed it. Steps are never changed or removed (only {@link CaseStore#delete} removes a whole
 * case): an undo is a step of its own that names the step it takes back.
 *
 * @param seq       1, 2, … in the order recorded
 * @param at        when it was recorded
 * @param step      what happened
 * @param requestId the client's request id, which makes a retried request count once; may be {@code null}
 * @param advice    the advice after this step, with the version of the rules that gave it
 * @param undoes    for an undo: the {@code seq} of the step it took back
 * @param undone    whether a later undo took this step back
 */
public record CaseStep(int seq, @JsonSerialize(using = ToStringSerializer.class) Instant at,
                       @JsonUnwrapped Step step, String requestId, Advice advice, Integer undoes, boolean undone) {

    /** Whether this step is in force: an answer, attempt or abandon that no undo took back. */
    public boolean inForce() {
        return step.kind() != Step.Kind.UNDO && !undone;
    }

    CaseStep markUndone() {
        return new CaseStep(seq, at, step, requestId, advice, undoes, true);
    }
}
