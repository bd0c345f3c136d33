package io.streamfix.model;

/**
 * One finding for or against a cause, asserted by a rule of {@code evidence.drl}.
 *
 * @param cause  the cause id it bears on
 * @param weight a certainty factor in [-1, 1]: positive for, negative against, -1 rules the cause out
 * @param reason the finding in plain words, shown to the viewer
 * @param rule   the name of the rule that found it ({@code drools.getRule().getName()} in a consequence)
 */
public record Evidence(String cause, double weight, String reason, String rule) {
    public Evidence {
        if (!(weight >= -1.0 && weight <= 1.0)) {
            throw new IllegalArgumentException("evidence weight must be in [-1, 1], was " + weight
                    + " (rule \"" + rule + "\")");
        }
    }
}
