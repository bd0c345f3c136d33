package io.streamfix.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Which cases to list: all of them, or those with a status, opened at or after a time; a page at a
 * time, in the order they were opened.
 *
 * <pre>{@code
 * CasePage first = store.list(CaseQuery.all().withStatus(CaseStatus.RESOLVED).withLimit(50));
 * CasePage second = store.list(query.after(first.next()));
 * }</pre>
 *
 * @param status only cases with this status, or {@code null} for any
 * @param since  only cases opened at or after this time, or {@code null}
 * @param after  the page's start: the {@link CasePage#next()} of the page before, or {@code null}
 * @param limit  at most this many cases (1 to {@value #MAX_LIMIT})
 */
public record CaseQuery(CaseStatus status, Instant since, String after, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public CaseQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }

    public static CaseQuery all() {
        return new CaseQuery(null, null, null, DEFAULT_LIMIT);
    }

    public CaseQuery withStatus(CaseStatus status) {
        return new CaseQuery(status, since, after, limit);
    }

    public CaseQuery withSince(Instant since) {
        return new CaseQuery(status, since, after, limit);
    }

    public CaseQuery after(String cursor) {
        return new CaseQuery(status, since, cursor, limit);
    }

    /**
     * A time as {@code --since} and {@code ?since=} take it: a date ({@code 2026-12-01}, midnight UTC) or
     * an instant ({@code 2026-12-01T09:30:00Z}).
     *
     * @throws IllegalArgumentException saying what is expected
     */
    public static Instant time(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a time: use a date (2026-12-01, UTC) or an "
                    + "instant (2026-12-01T09:30:00Z)");
        }
    }

    public CaseQuery withLimit(int limit) {
        return new CaseQuery(status, since, after, limit);
    }
}
