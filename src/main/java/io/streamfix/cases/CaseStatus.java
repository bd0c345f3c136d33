package io.streamfix.cases;

import io.streamfix.model.Status;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a kept case stands; stored and shown in lower case ({@code open}, {@code resolved}, …). */
public enum CaseStatus {
    /** Still being worked on: the advice has a next fix or a question. */
    OPEN,
    /** A fix helped. */
    RESOLVED,
    /** Nothing left to try: handed to Netflix support. */
    ESCALATED,
    /** Given up before it was resolved or escalated (the viewer left, the agent closed it). */
    ABANDONED;

    /** The status a diagnosis gives a case. */
    public static CaseStatus of(Status status) {
        return switch (status) {
            case IN_PROGRESS -> OPEN;
            case RESOLVED -> RESOLVED;
            case ESCALATE -> ESCALATED;
        };
    }

    /** The status named {@code open}, {@code resolved}, {@code escalated} or {@code abandoned}. */
    public static Optional<CaseStatus> named(String name) {
        return Arrays.stream(values()).filter(s -> s.label().equals(name.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** The lower-case name, as stored and shown. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The names, for messages: {@code open, resolved, escalated, abandoned}. */
    public static String labels() {
        return String.join(", ", Arrays.stream(values()).map(CaseStatus::label).toList());
    }
}
