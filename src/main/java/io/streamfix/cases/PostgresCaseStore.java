package io.streamfix.cases;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The case store in a PostgreSQL database, for a team that runs several {@code serve} processes behind
 * a load balancer: they all record into one database. Each process keeps a small pool of connections;
 * while the database cannot be reached, a call fails within a few seconds with
 * {@link CaseStoreException.Unavailable} (a service answers 503), and the pool reconnects by itself
 * once it is back. Flyway migrates the schema under PostgreSQL's advisory lock, so processes that start
 * together migrate it once.
 */
final class PostgresCaseStore extends JdbcCaseStore {
    /** How long a call waits for a connection before the store counts as unavailable. */
    static final int CONNECT_TIMEOUT_MS = 3_000;

    /**
     * Groups of writes committed at the same time: PostgreSQL itself flushes the WAL once for the commits
     * that reach it together, so a second commit in flight costs little, and it spares a write the wait for
     * the whole of another's commit when few come at once; with more, writes under load go in groups less
     * often.
     */
    private static final int COMMITS_AT_ONCE = 2;

    private PostgresCaseStore(String shown, HikariDataSource pool) {
        super(pool, shown, COMMITS_AT_ONCE);
    }

    /**
     * @param jdbcUrl  {@code jdbc:postgresql://host:port/db?…}
     * @param user     or {@code null} to take it from the URL or the driver's defaults
     * @param password or {@code null}
     * @param shown    the location without its password, for messages
     */
    static PostgresCaseStore open(String jdbcUrl, String user, String password, String shown) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        if (user != null) {
            pool.setUsername(user);
        }
        if (password != null) {
            pool.setPassword(password);
        }
        pool.setPoolName("streamfix-cases-postgresql");
        pool.setMaximumPoolSize(8);
        pool.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        pool.setValidationTimeout(1_000);
        pool.addDataSourceProperty("connectTimeout", "3");     // seconds
        pool.addDataSourceProperty("socketTimeout", "30");     // a query never hangs on a dead server
        pool.addDataSourceProperty("tcpKeepAlive", "true");
        pool.addDataSourceProperty("ApplicationName", "streamfix");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new CaseStoreException.Unavailable("the case store " + shown + " cannot be reached: "
                    + firstLine(root.getMessage()), e);
        }
        return new PostgresCaseStore(shown, dataSource);
    }

    /** A step's update and insert as one statement in its own transaction: one round trip, one commit. */
    private static final String RECORD_STEP = "WITH moved AS (" + MOVE_CASE + " RETURNING id) "
            + "INSERT INTO case_steps (case_id, " + STEP_COLUMNS + ") "
            + "SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM moved";

    /**
     * Each step is a synced commit, so its round trips are most of what it costs here: the update and the
     * insert go as one statement (the insert takes its row from the update, so it adds nothing when the
     * case has moved on), committed on its own.
     */
    @Override
    boolean writeStep(String id, int readVersion, CaseRecord updated, CaseStep recorded) {
        return writeAlone(connection -> {
            try (PreparedStatement statement = prepare(connection, RECORD_STEP)) {
                bindMove(statement, id, readVersion, updated, recorded);
                bindStep(statement, 11, recorded);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        // unique_violation, serialization_failure, deadlock_detected
        return "23505".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }
}
