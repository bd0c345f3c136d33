package io.streamfix.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.streamfix.model.FixResult;

import java.util.Objects;

/**
 * One thing that happened in a case, as a caller records it: an answer to a question, a fix attempt
 * with its result (and how many minutes it took, when known), the undoing of the last step, or
 * giving the case up.
 *
 * <pre>{@code
 * store.record(id, Step.answer("network.vpn_active", "yes"), requestId, advisor);
 * store.record(id, Step.attempt("disable_vpn_proxy", FixResult.HELPED, 4.0), requestId, advisor);
 * }</pre>
 *
 * @param kind    what happened
 * @param fact    for an answer: the field's path in the symptom file, e.g. {@code network.vpn_active}
 * @param answer  for an answer: as a viewer says it ({@code yes}/{@code no} for a true/false fact, a
 *                value such as {@code manual}, or free text for {@code device.model}, {@code network.isp})
 * @param fix     for an attempt: the fix id
 * @param result  for an attempt: failed or helped
 * @param minutes for an attempt: how long it took, or {@code null} when not known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Step(Kind kind, String fact, String answer, String fix, FixResult result, Double minutes) {
    /** What a step does to the case. */
    public enum Kind {
        /** A fact learned: {@code fact} is set to {@code answer} in the symptom document. */
        ANSWER,
        /** A fix tried: appended to the document's {@code tried:} list. */
        FIX,
        /** The last answer, attempt or abandon that is still in force is taken back. */
        UNDO,
        /** The case is given up; a later step opens it again. */
        ABANDON
    }

    public Step {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.ANSWER && (fact == null || answer == null)) {
            throw new IllegalArgumentException("an answer needs a fact and its answer");
        }
        if (kind == Kind.FIX && (fix == null || result == null)) {
            throw new IllegalArgumentException("a fix attempt needs the fix and its result");
        }
        if (minutes != null && (minutes.isNaN() || minutes < 0 || minutes.isInfinite())) {
            throw new IllegalArgumentException("minutes must be a number >= 0, not " + minutes);
        }
    }

    public static Step answer(String fact, String answer) {
        return new Step(Kind.ANSWER, fact, answer, null, null, null);
    }

    public static Step attempt(String fix, FixResult result, Double minutes) {
        return new Step(Kind.FIX, null, null, fix, result, minutes);
    }

    public static Step undo() {
        return new Step(Kind.UNDO, null, null, null, null, null);
    }

    public static Step abandon() {
        return new Step(Kind.ABANDON, null, null, null, null, null);
    }
}
