package io.streamfix.model;

import java.util.List;

/**
 * Who to hand the case to, and what to have ready.
 *
 * @param to      e.g. "Netflix support"
 * @param prepare what to have ready, filled in from the facts
 */
public record EscalationAdvice(String to, List<String> prepare) {
    public EscalationAdvice {
        prepare = List.copyOf(prepare);
    }
}
