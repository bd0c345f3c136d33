package io.streamfix.model;

import java.util.List;

/**
 * How the diagnosis reached one cause: each piece of its evidence with the facts it came from.
 *
 * @param cause    the cause, with its confidence
 * @param findings one per piece of evidence, strongest first, as in {@link Cause#evidence()}
 */
public record Explanation(Cause cause, List<Finding> findings) {
    public Explanation {
        findings = List.copyOf(findings);
    }

    /**
     * One piece of evidence and the facts the rule used to find it.
     *
     * @param evidence the evidence, with the rule that found it and its reason in plain words
     * @param facts    the facts without which the rule would not have found it; empty when it comes
     *                 from no single fact
     */
    public record Finding(Evidence evidence, List<StatedFact> facts) {
        public Finding {
            facts = List.copyOf(facts);
        }
    }

    /**
     * A fact as the symptom file states it.
     *
     * @param fact     its path, e.g. {@code network.vpn_active}, or {@code tried} for a fix already tried
     * @param answer   its value as a viewer answers it: {@code yes}, {@code automatic}, or for a tried
     *                 fix its title and result
     * @param question the question that asks for it, in plain words ({@code ""} when there is none)
     */
    public record StatedFact(String fact, String answer, String question) {
    }
}
