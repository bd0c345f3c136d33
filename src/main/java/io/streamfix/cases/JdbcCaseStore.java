package io.streamfix.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.streamfix.model.FixResult;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The case store on a JDBC database, through a connection pool; the SQL both stores share. The
 * subclasses say how to connect and which errors mean that another writer came first.
 *
 * <p>How nothing is lost or kept twice: a step is written in one transaction that adds the step and
 * moves the case from the version it was read at to the next, on the condition that it is still at
 * that version. A writer that lost the race (another process or thread recorded a step meanwhile)
 * writes nothing and starts again from a fresh read, so the step is applied to the document as the
 * other left it. The advice is computed outside the transaction, so a write holds the database
 * for a few statements only. A request id is unique per case: the retry finds it and keeps nothing.
 *
 * <p>What a request costs the database, each a commit (synced, on PostgreSQL): opening a case is
 * one statement in its own transaction; recording a step writes the step in one transaction
 * ({@link #writeStep}: one statement on PostgreSQL), after reading the case with its steps in one
 * query unless this process wrote the case last ({@link RecentCases}). Under load, the writes that come
 * while another is being committed are committed together, with one commit ({@link CommitQueue}).
 */
abstract class JdbcCaseStore implements CaseStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> DOCUMENT = new TypeReference<>() {
    };
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford's base 32 in lower case: no i, l, o, u, so an id read aloud is not misheard. */
    private static final char[] ID_LETTERS = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    /** Writers racing on one case retry; this many lost races in a row is a fault, not a race. */
    private static final int MAX_ATTEMPTS = 200;

    private static final String CASE_COLUMNS = "id, created_at, updated_at, status, version, opening_document, "
            + "document, rules_version, next_fix, top_cause, expected_minutes";
    static final String STEP_COLUMNS = "seq, at, kind, fact, answer, fix, result, minutes, undoes, "
            + "request_id, rules_version, status, next_fix, top_cause, expected_minutes";

    /** The case row's update that records a step, on condition that the case is at the version read. */
    static final String MOVE_CASE = "UPDATE cases SET updated_at = ?, status = ?, version = ?, document = ?, "
            + "rules_version = ?, next_fix = ?, top_cause = ?, expected_minutes = ? WHERE id = ? AND version = ?";
    static final String ADD_STEP = "INSERT INTO case_steps (case_id, " + STEP_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /**
     * A case with its steps in one query (one round trip, one snapshot): a row per step, the case's
     * columns on each; its two documents only on the first row, so that a long case does not bring its
     * documents once per step. Steps are numbered from 1 without gaps (see {@link #record}).
     */
    private static final String CASE_WITH_STEPS = "SELECT c.id, c.created_at, c.updated_at, c.status, c.version, "
            + "CASE WHEN s.seq IS NULL OR s.seq = 1 THEN c.opening_document END AS opening_document, "
            + "CASE WHEN s.seq IS NULL OR s.seq = 1 THEN c.document END AS document, "
            + "c.rules_version, c.next_fix, c.top_cause, c.expected_minutes, "
            + "s.seq AS s_seq, s.at AS s_at, s.kind AS s_kind, s.fact AS s_fact, s.answer AS s_answer, s.fix AS s_fix, "
            + "s.result AS s_result, s.minutes AS s_minutes, s.undoes AS s_undoes, s.request_id AS s_request_id, "
            + "s.rules_version AS s_rules_version, s.status AS s_status, s.next_fix AS s_next_fix, "
            + "s.top_cause AS s_top_cause, s.expected_minutes AS s_expected_minutes "
            + "FROM cases c LEFT JOIN case_steps s ON s.case_id = c.id AND s.seq <= c.version WHERE c.";

    private final HikariDataSource pool;
    private final String shown;
    private final RecentCases recent = new RecentCases();
    private final CommitQueue commits;

    /**
     * Migrates the schema of the pool's database; the pool is closed when that fails.
     *
     * @param shown         where the store is, for messages, without a password
     * @param commitsAtOnce how many groups of writes this process commits at the same time
     *                      ({@link CommitQueue}): the writes that come while as many are being committed wait,
     *                      and go together in the next group
     */
    JdbcCaseStore(HikariDataSource pool, String shown, int commitsAtOnce) {
        this.pool = pool;
        this.shown = shown;
        this.commits = new CommitQueue(commitsAtOnce);
        try {
            migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** Whether the error means a concurrent writer came first (a unique key, a lost serialisation). */
    abstract boolean isConflict(SQLException e);

    /**
     * What this process's writers take in turn before they write, or {@code null} for none: SQLite lets
     * one writer at a time into the file, and a writer that finds it taken sleeps in SQLite's busy
     * handler (1, 2, 5, 10 … ms) however soon the file is free; a lock here hands it on at once.
     */
    Lock writeLock() {
        return null;
    }

    /** How long a writer waits for {@link #writeLock()}. */
    long writeLockTimeoutMs() {
        return 10_000;
    }

    /**
     * The statement {@code sql} on {@code connection}, closed by the caller when done with it: here a new
     * one each time (PostgreSQL's driver keeps the server-side statements of each connection itself).
     */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    private void migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:io/streamfix/cases/migration")
                .table("streamfix_schema_history")
                .load();
        try {
            MigrationInfo[] applied = flyway.info().applied();
            for (MigrationInfo migration : applied) {
                if (migration.getState() == MigrationState.FUTURE_SUCCESS
                        || migration.getState() == MigrationState.FUTURE_FAILED) {
                    throw new CaseStoreException.SchemaTooNew("the case store " + describe() + " has schema version "
                            + applied[applied.length - 1].getVersion() + ", newer than this streamfix knows (up to version "
                            + latestKnown(flyway) + "): a newer streamfix wrote it. Use that version, or another --cases "
                            + "database; this one is left as it is.");
                }
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new CaseStoreException.Unavailable("the case store " + describe() + " cannot be opened: "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String latestKnown(Flyway flyway) {
        String latest = "none";
        for (MigrationInfo migration : flyway.info().all()) {
            if (migration.getState() != MigrationState.FUTURE_SUCCESS && migration.getState() != MigrationState.FUTURE_FAILED
                    && migration.getVersion() != null) {
                latest = migration.getVersion().toString();
            }
        }
        return latest;
    }

    // ---- writing ------------------------------------------------------------------------------

    @Override
    public Recorded open(Map<String, Object> document, String requestId, Advisor advisor) {
        checkRequestId(requestId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (requestId != null) {
                Optional<CaseRecord> earlier = load("request_id", requestId).map(Loaded::record);
                if (earlier.isPresent()) {
                    return new Recorded(earlier.get(), null, true);
                }
            }
            Advice advice = advisor.advise(document);
            Instant now = now();
            CaseRecord opened = new CaseRecord(newId(), now, now, advice.status(), document, document, advice, List.of());
            try {
                writeAlone(connection -> {
                    try (PreparedStatement insert = prepare(connection, "INSERT INTO cases (" + CASE_COLUMNS
                            + ", request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        bindCase(insert, opened, 0);
                        insert.setString(12, requestId);
                        insert.executeUpdate();
                    }
                    return true;
                });
                recent.put(opened, 0);
                return new Recorded(opened, null, false);
            } catch (Conflict retry) {
                // the same request id from a concurrent retry, or (once in 10^15) the same new id
            }
        }
        throw tooBusy();
    }

    @Override
    public Recorded record(String id, Step step, String requestId, Advisor advisor) {
        checkRequestId(requestId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // First as this process last wrote it, with no read: the write finds out if that is out of date.
            Loaded loaded = attempt == 0 ? recent.get(id) : null;
            if (loaded == null) {
                loaded = load("id", id).orElseThrow(() -> new CaseStoreException.NoSuchCase(id));
            }
            CaseRecord kept = loaded.record();
            if (requestId != null) {
                Optional<CaseStep> earlier = kept.steps().stream().filter(s -> requestId.equals(s.requestId())).findFirst();
                if (earlier.isPresent()) {
                    return new Recorded(kept, earlier.get(), true);
                }
            }
            if (kept.steps().size() >= MAX_STEPS) {
                throw new CaseStoreException.Refused("case " + id + " already holds " + MAX_STEPS
                        + " steps, the most a case may hold: open a new case");
            }
            List<CaseStep> steps = new ArrayList<>(kept.steps());
            Integer undoes = null;
            if (step.kind() == Step.Kind.UNDO) {
                int last = lastInForce(steps);
                if (last < 0) {
                    throw new CaseStoreException.Refused("case " + id + " has no step to undo");
                }
                undoes = steps.get(last).seq();
                steps.set(last, steps.get(last).markUndone());
            }
            CaseStep draft = new CaseStep(loaded.version() + 1, now(), step, requestId, null, undoes, false);
            steps.add(draft);
            Map<String, Object> document = CaseDocument.replay(kept.openingDocument(), steps);
            int last = lastInForce(steps);
            Advice advised = advisor.advise(document);
            Advice advice = last >= 0 && steps.get(last).step().kind() == Step.Kind.ABANDON ? advised.abandoned() : advised;
            CaseStep recorded = new CaseStep(draft.seq(), draft.at(), step, requestId, advice, undoes, false);
            steps.set(steps.size() - 1, recorded);
            CaseRecord updated = new CaseRecord(id, kept.createdAt(), recorded.at(), advice.status(),
                    kept.openingDocument(), document, advice, steps);
            try {
                boolean written = writeStep(id, loaded.version(), updated, recorded);
                if (written) {
                    recent.put(updated, recorded.seq());
                    return new Recorded(updated, recorded, false);
                }
            } catch (Conflict retry) {
                // a concurrent retry of the same request came first: the next read finds it
            }
            recent.forget(id);
        }
        throw tooBusy();
    }

    /**
     * Keeps {@code recorded} as the next step of case {@code id} and the case as {@code updated}, in one
     * transaction, if the case is still at {@code readVersion}; false when another writer came first
     * (or the case was deleted). Here an update and an insert; a store may do it in one statement.
     *
     * @throws Conflict when a concurrent retry of the same request came first
     */
    boolean writeStep(String id, int readVersion, CaseRecord updated, CaseStep recorded) {
        return write(connection -> {
            try (PreparedStatement update = prepare(connection, MOVE_CASE)) {
                bindMove(update, id, readVersion, updated, recorded);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = prepare(connection, ADD_STEP)) {
                insert.setString(1, id);
                bindStep(insert, 2, recorded);
                insert.executeUpdate();
            }
            return true;
        });
    }

    /** The parameters of {@link #MOVE_CASE}, 1 to 10. */
    static void bindMove(PreparedStatement update, String id, int readVersion, CaseRecord updated, CaseStep recorded)
            throws SQLException {
        update.setLong(1, updated.updatedAt().toEpochMilli());
        update.setString(2, updated.status().label());
        update.setInt(3, recorded.seq());
        update.setString(4, json(updated.document()));
        bindAdvice(update, 5, updated.advice(), false);
        update.setString(9, id);
        update.setInt(10, readVersion);
    }

    private static int lastInForce(List<CaseStep> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).inForce()) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean delete(String id) {
        recent.forget(id);
        return write(connection -> {
            try (PreparedStatement steps = prepare(connection, "DELETE FROM case_steps WHERE case_id = ?");
                 PreparedStatement kept = prepare(connection, "DELETE FROM cases WHERE id = ?")) {
                steps.setString(1, id);
                steps.executeUpdate();
                kept.setString(1, id);
                return kept.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int deleteOpenedBefore(Instant time) {
        recent.forgetAll();
        return write(connection -> {
            try (PreparedStatement steps = prepare(connection,
                    "DELETE FROM case_steps WHERE case_id IN (SELECT id FROM cases WHERE created_at < ?)");
                 PreparedStatement kept = prepare(connection, "DELETE FROM cases WHERE created_at < ?")) {
                steps.setLong(1, time.toEpochMilli());
                steps.executeUpdate();
                kept.setLong(1, time.toEpochMilli());
                return kept.executeUpdate();
            }
        });
    }

    // ---- reading ------------------------------------------------------------------------------

    @Override
    public Optional<CaseRecord> find(String id) {
        return load("id", id).map(Loaded::record);
    }

    @Override
    public CasePage list(CaseQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + CASE_COLUMNS + " FROM cases WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        if (query.status() != null) {
            sql.append(" AND status = ?");
            values.add(query.status().label());
        }
        if (query.since() != null) {
            sql.append(" AND created_at >= ?");
            values.add(query.since().toEpochMilli());
        }
        if (query.after() != null) {
            Cursor cursor = Cursor.parse(query.after());
            sql.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            values.add(cursor.createdAt());
            values.add(cursor.createdAt());
            values.add(cursor.id());
        }
        sql.append(" ORDER BY created_at, id LIMIT ?");
        values.add(query.limit() + 1);
        return read(connection -> {
            List<Loaded> rows = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    select.setObject(i + 1, values.get(i));
                }
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(caseRow(result));
                    }
                }
            }
            String next = null;
            if (rows.size() > query.limit()) {
                rows = rows.subList(0, query.limit());
                CaseRecord last = rows.get(rows.size() - 1).record();
                next = new Cursor(last.createdAt().toEpochMilli(), last.id()).toString();
            }
            List<CaseRecord> cases = new ArrayList<>();
            for (Loaded row : rows) {
                cases.add(withSteps(connection, row).record());
            }
            return new CasePage(cases, next);
        });
    }

    /** A case as read or written, with the version the next write must find unchanged. */
    record Loaded(CaseRecord record, int version) {
    }

    /** The case whose {@code column} (id, or the opening's request_id) is {@code value}, with its steps. */
    private Optional<Loaded> load(String column, String value) {
        return read(connection -> {
            try (PreparedStatement select = prepare(connection, CASE_WITH_STEPS + column + " = ? ORDER BY s.seq")) {
                select.setString(1, value);
                try (ResultSet result = select.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    Loaded row = caseRow(result);
                    List<CaseStep> steps = new ArrayList<>();
                    do {
                        if (result.getObject("s_seq") != null) {
                            steps.add(stepRow(result, "s_"));
                        }
                    } while (result.next());
                    return Optional.of(withSteps(row, steps));
                }
            }
        });
    }

    /**
     * The case's steps up to the version its row was read at: steps are only ever added, each in the
     * transaction that moved the row to its number, so these are exactly the steps of that version.
     */
    private Loaded withSteps(Connection connection, Loaded row) throws SQLException {
        List<CaseStep> steps = new ArrayList<>();
        try (PreparedStatement select = prepare(connection, "SELECT " + STEP_COLUMNS
                + " FROM case_steps WHERE case_id = ? AND seq <= ? ORDER BY seq")) {
            select.setString(1, row.record().id());
            select.setInt(2, row.version());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    steps.add(stepRow(result, ""));
                }
            }
        }
        return withSteps(row, steps);
    }

    /** The row with these steps, each step that a later undo took back marked undone. */
    private static Loaded withSteps(Loaded row, List<CaseStep> steps) {
        Set<Integer> undone = new HashSet<>();
        steps.forEach(s -> {
            if (s.undoes() != null) {
                undone.add(s.undoes());
            }
        });
        steps.replaceAll(s -> undone.contains(s.seq()) ? s.markUndone() : s);
        CaseRecord r = row.record();
        return new Loaded(new CaseRecord(r.id(), r.createdAt(), r.updatedAt(), r.status(), r.openingDocument(),
                r.document(), r.advice(), steps), row.version());
    }

    private static Loaded caseRow(ResultSet row) throws SQLException {
        CaseStatus status = status(row.getString("status"));
        Advice advice = new Advice(row.getString("rules_version"), status, row.getString("next_fix"),
                row.getString("top_cause"), nullableDouble(row, "expected_minutes"));
        CaseRecord record = new CaseRecord(row.getString("id"), Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")), status, document(row.getString("opening_document")),
                document(row.getString("document")), advice, List.of());
        return new Loaded(record, row.getInt("version"));
    }

    private static CaseStep stepRow(ResultSet row, String prefix) throws SQLException {
        Step.Kind kind = Step.Kind.valueOf(row.getString(prefix + "kind").toUpperCase(Locale.ROOT));
        String result = row.getString(prefix + "result");
        Step step = new Step(kind, row.getString(prefix + "fact"), row.getString(prefix + "answer"), row.getString(prefix + "fix"),
                result == null ? null : FixResult.valueOf(result.toUpperCase(Locale.ROOT)), nullableDouble(row, prefix + "minutes"));
        Advice advice = new Advice(row.getString(prefix + "rules_version"), status(row.getString(prefix + "status")),
                row.getString(prefix + "next_fix"), row.getString(prefix + "top_cause"), nullableDouble(row, prefix + "expected_minutes"));
        int undoes = row.getInt(prefix + "undoes");
        Integer undone = row.wasNull() ? null : undoes;
        return new CaseStep(row.getInt(prefix + "seq"), Instant.ofEpochMilli(row.getLong(prefix + "at")), step,
                row.getString(prefix + "request_id"), advice, undone, false);
    }

    private static CaseStatus status(String label) {
        return CaseStatus.named(label).orElseThrow(() -> new IllegalStateException("unknown case status in the store: " + label));
    }

    private static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    // ---- binding ------------------------------------------------------------------------------

    private static void bindCase(PreparedStatement insert, CaseRecord kept, int version) throws SQLException {
        insert.setString(1, kept.id());
        insert.setLong(2, kept.createdAt().toEpochMilli());
        insert.setLong(3, kept.updatedAt().toEpochMilli());
        insert.setString(4, kept.status().label());
        insert.setInt(5, version);
        String opening = json(kept.openingDocument());
        insert.setString(6, opening);
        insert.setString(7, kept.document() == kept.openingDocument() ? opening : json(kept.document()));
        bindAdvice(insert, 8, kept.advice(), false);
    }

    /** rules_version, [status,] next_fix, top_cause, expected_minutes from {@code index} on. */
    private static void bindAdvice(PreparedStatement statement, int index, Advice advice, boolean withStatus)
            throws SQLException {
        statement.setString(index++, advice.rulesVersion());
        if (withStatus) {
            statement.setString(index++, advice.status().label());
        }
        statement.setString(index++, advice.nextFix());
        statement.setString(index++, advice.topCause());
        if (advice.expectedMinutes() == null) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, advice.expectedMinutes());
        }
    }

    /** seq, at, kind, …, expected_minutes ({@link #STEP_COLUMNS}, 15 values) from {@code index} on. */
    static void bindStep(PreparedStatement insert, int index, CaseStep recorded) throws SQLException {
        Step step = recorded.step();
        insert.setInt(index, recorded.seq());
        insert.setLong(index + 1, recorded.at().toEpochMilli());
        insert.setString(index + 2, step.kind().name().toLowerCase(Locale.ROOT));
        insert.setString(index + 3, step.fact());
        insert.setString(index + 4, step.answer());
        insert.setString(index + 5, step.fix());
        insert.setString(index + 6, step.result() == null ? null : step.result().name().toLowerCase(Locale.ROOT));
        if (step.minutes() == null) {
            insert.setNull(index + 7, Types.DOUBLE);
        } else {
            insert.setDouble(index + 7, step.minutes());
        }
        if (recorded.undoes() == null) {
            insert.setNull(index + 8, Types.INTEGER);
        } else {
            insert.setInt(index + 8, recorded.undoes());
        }
        insert.setString(index + 9, recorded.requestId());
        bindAdvice(insert, index + 10, recorded.advice(), true);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    /** Work on one connection; may throw SQLException. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A write lost to a concurrent one; the caller starts again. */
    static final class Conflict extends RuntimeException {
        Conflict(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Runs on a connection of the pool, outside any write lock (autocommit). */
    <T> T read(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                return work.run(connection);
            } catch (SQLException e) {
                if (attempt == 1 && brokenConnection(e)) {
                    dropIdleConnections();
                    continue;
                }
                throw unavailable(e);
            }
        }
    }

    /**
     * A connection that broke (SQLState class 08), e.g. one kept in the pool across a database restart.
     * One more try on a fresh connection tells a restarted database from a down one.
     */
    private static boolean brokenConnection(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    /** The idle connections kept from before the break are likely dead too: the pool replaces them. */
    private void dropIdleConnections() {
        var beans = pool.getHikariPoolMXBean();
        if (beans != null) {
            beans.softEvictConnections();
        }
    }

    /**
     * Runs in one transaction, committed before it returns (durably: the stores sync on commit); with the
     * writes of other threads that come meanwhile (group commit, {@link CommitQueue}).
     */
    private <T> T write(Work<T> work) {
        return grouped(work, () -> writeNow(work));
    }

    private <T> T writeNow(Work<T> work) {
        Lock lock = lockForWriting();
        try {
            return inTransaction(work);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    private <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean committing = false;
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    committing = true;
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    if (!(e instanceof SQLException broken && brokenConnection(broken))) {
                        connection.rollback();
                    }
                    throw e;
                }
            } catch (SQLException e) {
                if (isConflict(e)) {
                    throw new Conflict(e);
                }
                // Only before the commit: a commit cut off may have been kept, and must not be made twice.
                if (attempt == 1 && !committing && brokenConnection(e)) {
                    dropIdleConnections();
                    continue;
                }
                throw unavailable(e);
            }
        }
    }

    /**
     * Runs one statement: durable when it returns, as {@link #write}. Alone, in a transaction of its own
     * (autocommit): one round trip to the database instead of a statement and a commit; not tried again on
     * a broken connection, since the statement is the commit and it may have been kept. With the writes of
     * other threads that come meanwhile, as {@link #write}.
     */
    <T> T writeAlone(Work<T> work) {
        return grouped(work, () -> writeAloneNow(work));
    }

    private <T> T writeAloneNow(Work<T> work) {
        Lock lock = lockForWriting();
        try (Connection connection = connectionForWriting()) {
            return work.run(connection);
        } catch (SQLException e) {
            if (isConflict(e)) {
                throw new Conflict(e);
            }
            if (brokenConnection(e)) {
                dropIdleConnections(); // the next call gets a fresh connection
            }
            throw unavailable(e);
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    private <T> T grouped(Work<T> work, Supplier<T> alone) {
        CommitQueue.Write<T> mine = commits.write(work, alone);
        List<CommitQueue.Write<?>> group = commits.enter(mine);
        if (group != null) { // this thread commits the group: its own write and those that queued before it
            try {
                commit(group);
            } catch (RuntimeException | Error e) { // no write of the group may wait for good
                RuntimeException brokeOff = new CaseStoreException.Unavailable("the case store " + describe()
                        + " could not finish a commit: " + e, e);
                group.forEach(write -> write.failUnlessDone(brokeOff));
                throw e;
            } finally {
                commits.leave();
            }
        }
        return mine.outcome();
    }

    /** Commits the group's writes, together when they are several; each is told its outcome. */
    private void commit(List<CommitQueue.Write<?>> group) {
        if (group.size() > 1 && commitTogether(group)) {
            return;
        }
        for (CommitQueue.Write<?> write : group) {
            try {
                write.succeed(write.alone.get());
            } catch (RuntimeException e) {
                write.fail(e);
            }
        }
    }

    /**
     * The writes in one transaction, and one commit. False, with nothing kept, when one of them failed
     * before the commit (a concurrent retry's unique key, a broken connection): each is then committed
     * alone, so that one write's failure is its own. A failed commit fails them all: it may have been
     * kept, and must not be made twice.
     */
    private boolean commitTogether(List<CommitQueue.Write<?>> group) {
        Lock lock;
        Connection connection;
        try {
            lock = lockForWriting();
        } catch (CaseStoreException e) {
            group.forEach(write -> write.fail(e));
            return true;
        }
        try {
            try {
                connection = connectionForWriting();
            } catch (SQLException e) {
                RuntimeException failure = unavailable(e);
                group.forEach(write -> write.fail(failure));
                return true;
            }
            List<Object> results = new ArrayList<>(group.size());
            boolean committed = false;
            SQLException commitFailure = null;
            try (connection) {
                connection.setAutoCommit(false);
                try {
                    for (CommitQueue.Write<?> write : group) {
                        results.add(write.work.run(connection));
                    }
                } catch (SQLException | RuntimeException e) {
                    if (e instanceof SQLException broken && brokenConnection(broken)) {
                        dropIdleConnections(); // each write alone gets a fresh connection
                    } else {
                        connection.rollback();
                    }
                    return false;
                }
                try {
                    connection.commit();
                    committed = true;
                } catch (SQLException e) {
                    commitFailure = e;
                }
            } catch (SQLException e) {
                // setting up the transaction, the rollback or the return to the pool failed: the pool
                // drops that connection; what was committed (or not) is known from the flags
            }
            if (commitFailure != null) {
                RuntimeException failure = unavailable(commitFailure);
                group.forEach(write -> write.fail(failure));
                return true;
            }
            if (!committed) {
                return false;
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).succeed(results.get(i));
            }
            return true;
        } finally {
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    /**
     * A connection of the pool; asked for once more, from a pool cleared of its idle connections, when the
     * first try finds the database gone (as after a restart: nothing was sent yet, so that is safe).
     */
    private Connection connectionForWriting() throws SQLException {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            if (!brokenConnection(e)) {
                throw e;
            }
            dropIdleConnections();
            return pool.getConnection();
        }
    }

    /** Takes {@link #writeLock()}, when there is one; {@code null} when there is none. */
    private Lock lockForWriting() {
        Lock lock = writeLock();
        if (lock == null) {
            return null;
        }
        try {
            if (lock.tryLock(writeLockTimeoutMs(), TimeUnit.MILLISECONDS)) {
                return lock;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new CaseStoreException.Unavailable("the case store " + describe() + " is too busy: no turn to write within "
                + writeLockTimeoutMs() + " ms", null);
    }

    private CaseStoreException.Unavailable unavailable(SQLException e) {
        return new CaseStoreException.Unavailable("the case store " + describe() + " cannot be used right now: "
                + firstLine(e.getMessage()), e);
    }

    private CaseStoreException tooBusy() {
        return new CaseStoreException.Unavailable("the case store " + describe() + " is too busy: "
                + MAX_ATTEMPTS + " writes in a row lost to concurrent ones", null);
    }

    private static void checkRequestId(String requestId) {
        if (requestId != null && (requestId.isBlank() || requestId.length() > MAX_REQUEST_ID)) {
            throw new IllegalArgumentException("a request id is 1 to " + MAX_REQUEST_ID + " characters, not "
                    + requestId.length());
        }
    }

    private static String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_LETTERS[RANDOM.nextInt(ID_LETTERS.length)];
        }
        return new String(id);
    }

    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    static String json(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the document cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> document(String text) throws SQLException {
        try {
            return JSON.readValue(text, DOCUMENT);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored document is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    @Override
    public String describe() {
        return shown;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Where a page of a listing starts: after the case opened at {@code createdAt} with {@code id}. */
    record Cursor(long createdAt, String id) {
        static Cursor parse(String text) {
            int dash = text.indexOf('-');
            try {
                if (dash > 0) {
                    return new Cursor(Long.parseLong(text.substring(0, dash)), text.substring(dash + 1));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("\"" + text + "\" is not a page cursor: pass on the \"next\" of the page before");
        }

        @Override
        public String toString() {
            return createdAt + "-" + id;
        }
    }
}
