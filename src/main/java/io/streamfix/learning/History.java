package io.streamfix.learning;

import java.util.ArrayList;
import java.util.List;

/**
 * A ticket history: the outcomes that {@code evaluate} measures the knowledge on and {@code calibrate}
 * fits it to. Where the tickets come from (files, a {@code .jsonl} export, a case database) is the
 * reader's business: everything in this package takes a {@code History}.
 *
 * <pre>{@code
 * History history = new History(List.of(ticket1, ticket2));
 * History.Split split = history.split(5);   // every 5th ticket held back for evaluation
 * }</pre>
 *
 * @param tickets the tickets, in a repeatable order (the reader's)
 */
public record History(List<Ticket> tickets) {
    public History {
        tickets = List.copyOf(tickets);
    }

    /** A part to fit on and a part held back to judge the fit. */
    public record Split(History training, History heldBack) {
    }

    /**
     * Every {@code every}-th ticket (the 5th, the 10th, …, in this history's order) held back, the rest for
     * training: deterministic, so the same history always splits the same way.
     *
     * @param every at least 2
     */
    public Split split(int every) {
        if (every < 2) {
            throw new IllegalArgumentException("every must be at least 2, was " + every);
        }
        List<Ticket> training = new ArrayList<>();
        List<Ticket> heldBack = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            ((i + 1) % every == 0 ? heldBack : training).add(tickets.get(i));
        }
        return new Split(new History(training), new History(heldBack));
    }

    public int size() {
        return tickets.size();
    }
}
