package io.streamfix.simulation;

import io.streamfix.model.FixResult;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Plays one simulated viewer's case through a policy, fix by fix: the policy is asked with the reported
 * facts; the fix it names helps or not as drawn for the viewer, and takes the viewer's minutes for it; a
 * failed fix goes under {@code tried:} (with its minutes) and the policy is asked again, until a fix helps, the policy
 * escalates (which costs the escalation's minutes and ends the case) or the viewer gives up.
 *
 * <pre>{@code
 * Replay.Case played = Replay.play(new FixedOrderPolicy(knowledge), viewer, symptoms);
 * System.out.println(played.ending() + " after " + played.minutes() + " minutes");
 * }</pre>
 */
public final class Replay {
    /**
     * A policy that proposes a fix already tried, or one the population does not know, would loop for
     * ever: the case stops there and counts as escalated, flagged {@link Ending#RUNAWAY}.
     */
    public static final int MAX_ATTEMPTS = 25;

    private Replay() {
    }

    /** How a case ended. */
    public enum Ending {
        /** A fix helped. */
        RESOLVED,
        /** The policy escalated to Netflix support. */
        ESCALATED,
        /** The viewer gave up after a failure (only when a give-up rule is given). */
        ABANDONED,
        /** The policy repeated a fix, named an unknown one, or went past {@link #MAX_ATTEMPTS}; charged as escalated. */
        RUNAWAY
    }

    /**
     * One attempt of a case.
     *
     * @param fix     the fix id
     * @param helped  it ended the error
     * @param minutes how long it took
     */
    public record Attempt(String fix, boolean helped, double minutes) {
    }

    /**
     * A case played to its end.
     *
     * @param viewer   the viewer
     * @param attempts the fixes tried, in order
     * @param ending   how it ended
     * @param minutes  all the minutes it took: the attempts, plus the escalation's when it escalated
     */
    public record Case(Viewer viewer, List<Attempt> attempts, Ending ending, double minutes) {
        public Case {
            attempts = List.copyOf(attempts);
        }
    }

    /** Plays the case to a fix that helps or to escalation. */
    public static Case play(Policy policy, Viewer viewer, Symptoms reported) {
        return play(policy, viewer, reported, failures -> false);
    }

    /**
     * Plays the case; {@code givesUp} is asked after each failure, with the number of failures so far,
     * and ends the case as {@link Ending#ABANDONED} when it says so.
     */
    public static Case play(Policy policy, Viewer viewer, Symptoms reported, IntPredicate givesUp) {
        List<Attempt> attempts = new ArrayList<>();
        List<TriedFix> tried = new ArrayList<>();
        double minutes = 0;
        while (true) {
            Optional<String> next = policy.next(new Symptoms(reported.errorCode(), reported.device(),
                    reported.network(), reported.observations(), tried));
            if (next.isEmpty()) {
                return new Case(viewer, attempts, Ending.ESCALATED, minutes + viewer.escalationMinutes());
            }
            String fix = next.get();
            Viewer.Attempt attempt = viewer.attempts().get(fix);
            boolean repeated = tried.stream().anyMatch(t -> t.fix().equals(fix));
            if (attempt == null || repeated || attempts.size() >= MAX_ATTEMPTS) {
                return new Case(viewer, attempts, Ending.RUNAWAY, minutes + viewer.escalationMinutes());
            }
            minutes += attempt.minutes();
            attempts.add(new Attempt(fix, attempt.helps(), attempt.minutes()));
            if (attempt.helps()) {
                return new Case(viewer, attempts, Ending.RESOLVED, minutes);
            }
            tried.add(new TriedFix(fix, FixResult.FAILED, attempt.minutes()));
            if (givesUp.test(attempts.size())) {
                return new Case(viewer, attempts, Ending.ABANDONED, minutes);
            }
        }
    }
}
