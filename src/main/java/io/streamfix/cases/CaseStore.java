package io.streamfix.cases;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where cases are kept, step by step: SQLite (one file, the default) or PostgreSQL (one database that
 * several {@code streamfix serve} processes share). Thread-safe; every method either keeps all it was
 * given, durably, before it returns, or keeps nothing and throws. Several processes may use one store
 * at once: each step is kept once and in order.
 *
 * <pre>{@code
 * try (CaseStore store = CaseStore.open("cases.db")) {              // or "postgresql://host/db"
 *     Advisor advisor = document -> Advice.of(troubleshooter.diagnose(document), version);
 *     Recorded opened = store.open(Map.of("network", Map.of("vpn_active", true)), "req-1", advisor);
 *     String id = opened.kept().id();
 *     store.record(id, Step.attempt("disable_vpn_proxy", FixResult.HELPED, 3.0), "req-2", advisor);
 *     store.find(id).orElseThrow().status();                        // RESOLVED
 * }
 * }</pre>
 *
 * <p>A request id (any text up to {@value #MAX_REQUEST_ID} characters a client makes up per request)
 * makes a retried call count once: the second call with the same id keeps nothing and returns what
 * the first kept. Errors: {@link CaseStoreException.Unavailable} when the database cannot be reached,
 * {@link CaseStoreException.NoSuchCase}, {@link CaseStoreException.Refused}, and whatever the advisor
 * throws for a document that is not valid (nothing is kept then).
 */
public interface CaseStore extends AutoCloseable {
    /** The longest request id. */
    int MAX_REQUEST_ID = 200;
    /** The most steps one case holds; a support call never needs as many. */
    int MAX_STEPS = 1000;

    /**
     * Opens the store at {@code location}: a file path or {@code jdbc:sqlite:FILE} (SQLite, created when
     * missing), or {@code postgresql://user:password@host:port/db} or {@code jdbc:postgresql://…}. The
     * schema is migrated to this program's version.
     *
     * @throws CaseStoreException.SchemaTooNew when the database was migrated by a newer streamfix
     * @throws CaseStoreException.Unavailable  when it cannot be reached or opened
     */
    static CaseStore open(String location) {
        return CaseStores.open(location);
    }

    /** Opens a case from a symptom document, with the advice for it. */
    Recorded open(Map<String, Object> document, String requestId, Advisor advisor);

    /** Records a step of case {@code id}, with the advice for the document it leaves. */
    Recorded record(String id, Step step, String requestId, Advisor advisor);

    /** The case with this id, if it is kept. */
    Optional<CaseRecord> find(String id);

    /** A page of cases, in the order they were opened. */
    CasePage list(CaseQuery query);

    /** Deletes a case and its steps. False when there was no such case. */
    boolean delete(String id);

    /** Deletes the cases opened before {@code time}, with their steps; how many. */
    int deleteOpenedBefore(Instant time);

    /** Where the store is, for messages (a password is never shown). */
    String describe();

    @Override
    void close();
}
