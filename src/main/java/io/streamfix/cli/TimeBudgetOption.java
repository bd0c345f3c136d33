package io.streamfix.cli;

import io.streamfix.engine.TimeBudget;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The {@code --time-budget} option of the commands that diagnose on the terminal ({@code diagnose},
 * {@code consult}, {@code test}): each diagnosis runs under one {@link TimeBudget}, and a rule that never
 * returns ends it with exit code 3 naming the rule, instead of hanging the command.
 */
public final class TimeBudgetOption {
    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "10s", converter = DurationOption.class,
            description = "Longest one diagnosis may run, e.g. 10s, 500ms, 2m (default: ${DEFAULT-VALUE}); past it "
                    + "the command reports the rule that was firing (a rule that never returns) and ends with exit code 3.")
    Duration limit;

    /** The budget the option gives. */
    TimeBudget budget() {
        return new TimeBudget(limit);
    }
}
