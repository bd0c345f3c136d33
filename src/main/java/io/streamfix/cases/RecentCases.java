package io.streamfix.cases;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases this process wrote last, each as it left them, with the version it wrote: the next step on
 * one of them is written without reading the case first. That is safe because a step's write is
 * conditional on the version it names ({@link JdbcCaseStore#MOVE_CASE}): when another process or a
 * deletion changed the case meanwhile, the write finds no row at that version, keeps nothing, and the
 * step starts again from a fresh read. So a kept entry can be out of date, never wrong.
 *
 * <p>The documents are kept frozen (unmodifiable all the way down), so that what a caller does with a
 * returned case cannot change the entry.
 */
final class RecentCases {
    /** About one support shift's open cases on one server; an entry is a few kilobytes. */
    private static final int MOST = 4_096;
    /** A step comes minutes after the one before; a case quiet for longer is read again. */
    private static final Duration KEPT_FOR = Duration.ofMinutes(30);

    private final Cache<String, JdbcCaseStore.Loaded> cases = Caffeine.newBuilder()
            .maximumSize(MOST)
            .expireAfterAccess(KEPT_FOR)
            .build();

    /** The case as this process last wrote it, or {@code null}. */
    JdbcCaseStore.Loaded get(String id) {
        return cases.getIfPresent(id);
    }

    /** Keeps {@code record} as written at {@code version}. */
    void put(CaseRecord record, int version) {
        CaseRecord frozen = new CaseRecord(record.id(), record.createdAt(), record.updatedAt(), record.status(),
                freeze(record.openingDocument()), freeze(record.document()), record.advice(), record.steps());
        cases.put(record.id(), new JdbcCaseStore.Loaded(frozen, version));
    }

    /** Forgets case {@code id} (deleted, or written by another). */
    void forget(String id) {
        cases.invalidate(id);
    }

    /** Forgets every case. */
    void forgetAll() {
        cases.invalidateAll();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> document) {
        return (Map<String, Object>) frozen(document);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozen(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
