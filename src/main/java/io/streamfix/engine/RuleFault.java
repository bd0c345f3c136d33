package io.streamfix.engine;

/**
 * A rule failed while the rules ran: its consequence threw, or the rules kept firing past the limit
 * (an endless loop). Names the rule so that a rule author can find it.
 */
public class RuleFault extends RuntimeException {
    private final String rule;

    public RuleFault(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The rule at fault, or {@code null} when no single rule is (a firing limit). */
    public String rule() {
        return rule;
    }
}
