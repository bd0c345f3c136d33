package io.streamfix.cases;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The case store in one SQLite file (the default): nothing to install or run. WAL mode, so readers
 * never wait for a writer and several processes (two {@code serve}s, a {@code cases export}) share the
 * file; writes take the file's write lock at the start of their transaction ({@code BEGIN IMMEDIATE})
 * and wait up to 10 s for it. {@code synchronous=NORMAL}: a commit is in the WAL file before it returns,
 * so a step acknowledged survives the process being killed at any moment (kill -9); the WAL is synced
 * to disk at each checkpoint, not at each commit, so a power cut or an OS crash may lose the last
 * commits. That keeps a step under a millisecond here (with {@code FULL}, each commit waits for an
 * fsync: 4 to 7 ms on this machine's disk). A team that needs every step to survive the machine too
 * uses PostgreSQL, which syncs each commit. This process's writers take turns on a fair lock before
 * they ask for the file's (see {@link #writeLock()}), so that only another process's writes ever wait in
 * SQLite's busy handler.
 */
final class SqliteCaseStore extends JdbcCaseStore {
    /** How long a writer waits for another process's write lock before it reports the store busy. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** One writer of this process at a time, first come first served. */
    private final ReentrantLock writes = new ReentrantLock(true);

    private SqliteCaseStore(Path file, HikariDataSource pool) {
        super(pool, file.toString());
    }

    static SqliteCaseStore open(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new CaseStoreException.Unavailable("the case store " + file + " cannot be created: the folder "
                    + folder + " does not exist", null);
        }
        if (Files.isDirectory(file)) {
            throw new CaseStoreException.Unavailable("the case store " + file + " is a folder: name a file, "
                    + "e.g. --cases cases.db", null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("streamfix-cases-sqlite");
        pool.setMaximumPoolSize(4);
        pool.setConnectionTimeout(BUSY_TIMEOUT_MS + 2_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new CaseStoreException.Unavailable("the case store " + file + " cannot be opened: "
                    + describeFailure(e), e);
        }
        return new SqliteCaseStore(file, dataSource);
    }

    private static String describeFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
                return "it is not a SQLite database (name a new file, or the file streamfix made)";
            }
            if (cause.getCause() == null) {
                return firstLine(cause.getMessage());
            }
        }
        return firstLine(e.getMessage());
    }

    @Override
    Lock writeLock() {
        return writes;
    }

    @Override
    long writeLockTimeoutMs() {
        return BUSY_TIMEOUT_MS;
    }

    @Override
    boolean isConflict(SQLException e) {
        // SQLITE_CONSTRAINT and its extended codes (a unique key or the primary key).
        return e instanceof SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }
}
