package io.streamfix.model;

/**
 * One finding for or against a cause, asserted by a rule of {@code evidence.drl}.
 *
 * <p>Its weight is a likelihood ratio λ: how many times likelier the finding is when this cause is the
 * one at work than when a cause the rule does not name is. Above 1 it speaks for the cause, below 1
 * against it, 0 rules the cause out. A rule usually takes λ from {@code rules/likelihoods.yaml}, by its
 * own name and the cause ({@code likelihoods.evidence(drools, "vpn_or_proxy", "reason")}); a rule that
 * computes λ (a failed fix: 1 − how likely the fix was to resolve the cause) builds the record itself.
 *
 * @param cause  the cause id it bears on
 * @param weight the likelihood ratio λ, a finite number ≥ 0
 * @param reason the finding in plain words, shown to the viewer
 * @param rule   the name of the rule that found it ({@code drools.getRule().getName()} in a consequence)
 */
public record Evidence(String cause, double weight, String reason, String rule) {
    public Evidence {
        if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("evidence weight must be a likelihood ratio >= 0, was " + weight
                    + " (rule \"" + rule + "\")");
        }
    }

    /** Whether the finding speaks for the cause (λ > 1). */
    public boolean supports() {
        return weight > 1.0;
    }
}
