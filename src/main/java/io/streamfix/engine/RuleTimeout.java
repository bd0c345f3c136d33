package io.streamfix.engine;

import java.time.Duration;

/**
 * The rules ran past the time budget of a diagnosis ({@link TimeBudget}), or reached a rule that did so
 * on an earlier case and is set aside until the rules are reloaded. Names the rule that was firing.
 */
public final class RuleTimeout extends RuleFault {
    private final boolean abandoned;

    RuleTimeout(String rule, String message, boolean abandoned) {
        super(rule, message, null);
        this.abandoned = abandoned;
    }

    /** The diagnosis did not return in time and its thread was left running (it cannot be stopped). */
    public boolean abandoned() {
        return abandoned;
    }

    static String seconds(Duration budget) {
        return budget.toMillis() % 1000 == 0 ? budget.toSeconds() + "s" : budget.toMillis() + "ms";
    }
}
