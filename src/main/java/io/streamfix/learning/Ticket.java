package io.streamfix.learning;

import io.streamfix.model.FixResult;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.List;
import java.util.Objects;

/**
 * One closed support ticket: the facts the viewer gave and the fixes tried, in the order they were
 * tried, each with its result and, when recorded, its minutes. Resolved when its last attempt helped,
 * abandoned when none did.
 *
 * <pre>{@code
 * Ticket ticket = new Ticket("history/t-0001.yaml", symptoms);
 * if (ticket.resolved()) System.out.println("helped: " + ticket.helpedFix());
 * }</pre>
 *
 * @param source   where it came from, for messages: a file, or {@code file.jsonl:LINE}
 * @param symptoms the facts and the attempts ({@link Symptoms#tried()})
 */
public record Ticket(String source, Symptoms symptoms) {
    public Ticket {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(symptoms, "symptoms");
    }

    /** The attempts, in the order made. */
    public List<TriedFix> attempts() {
        return symptoms.tried();
    }

    /** Whether a fix helped: the ticket's last attempt. */
    public boolean resolved() {
        List<TriedFix> tried = symptoms.tried();
        return !tried.isEmpty() && tried.get(tried.size() - 1).result() == FixResult.HELPED;
    }

    /** The fix that helped, or {@code null} when the ticket was abandoned. */
    public String helpedFix() {
        return resolved() ? symptoms.tried().get(symptoms.tried().size() - 1).fix() : null;
    }

    /** The facts alone, as when the ticket was opened: nothing tried yet. */
    public Symptoms facts() {
        return new Symptoms(symptoms.errorCode(), symptoms.device(), symptoms.network(), symptoms.observations(),
                List.of());
    }

    /** The facts with the first {@code count} attempts made. */
    public Symptoms afterAttempts(int count) {
        return new Symptoms(symptoms.errorCode(), symptoms.device(), symptoms.network(), symptoms.observations(),
                symptoms.tried().subList(0, count));
    }
}
