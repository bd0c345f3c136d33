package io.streamfix.cases;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * SQLite's busy handler. Each connection keeps its statements prepared (see {@link #prepare}).
 *
 * <p>The WAL is copied into the database file (a checkpoint) by a thread of the store's own, every
 * {@value #CHECKPOINT_EVERY_MS} ms, as SQLite's documentation suggests for applications that care about
 * latency: left to SQLite, the writer whose commit brings the WAL to 1,000 pages does it, with two
 * fsyncs, while this process's other writers wait for it (most of a step's p99 on this machine). A
 * writer still checkpoints when the WAL reaches {@value #WRITER_CHECKPOINT_PAGES} pages, should the
 * thread fall behind: that bounds the WAL file.
 */
final class SqliteCaseStore extends JdbcCaseStore {
    /** How long a writer waits for another process's write lock before it reports the store busy. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** How often the store's own thread checkpoints the WAL. */
    static final int CHECKPOINT_EVERY_MS = 500;
    /** The WAL size at which a writer checkpoints after its commit (SQLite's default is 1,000 pages). */
    static final int WRITER_CHECKPOINT_PAGES = 10_000;

    /** One writer of this process at a time, first come first served. */
    private final ReentrantLock writes = new ReentrantLock(true);

    /** The statements prepared on each of the pool's connections, by their SQL (a handful: the store's own). */
    private final Map<SQLiteConnection, Map<String, PreparedStatement>> prepared = new ConcurrentHashMap<>();

    private final ScheduledExecutorService checkpoints = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "streamfix-cases-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    private SqliteCaseStore(Path file, HikariDataSource pool) {
        super(pool, file.toString(), 1); // one group at a time: SQLite takes one writer at a time anyway
        checkpoints.scheduleWithFixedDelay(this::checkpoint, CHECKPOINT_EVERY_MS, CHECKPOINT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Copies what it can of the WAL into the database file without waiting for anyone (PASSIVE): writers
     * and readers go on meanwhile. A failure is left to the next one, and to the writers' checkpoint.
     */
    private void checkpoint() {
        try {
            read(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                }
            });
        } catch (RuntimeException e) {
            // the file is busy or gone for now: the next run, or a writer at WRITER_CHECKPOINT_PAGES, does it
        }
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
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WRITER_CHECKPOINT_PAGES));
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("streamfix-cases-sqlite");
        pool.setMaximumPoolSize(4);
        pool.setMaxLifetime(0); // a file's connection does not go stale: keep it, and its prepared statements
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

    /**
     * The statement prepared once on this connection and kept: preparing was a third of the time SQLite
     * spent on a request of the case routes (a JFR profile under {@code bench/serve-load.sh --cases}), and
     * neither xerial's driver nor the pool keeps statements. The caller's {@code close()} only clears the
     * parameters; the statements close with their connection.
     */
    @Override
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        SQLiteConnection physical = connection.unwrap(SQLiteConnection.class);
        Map<String, PreparedStatement> statements = prepared.get(physical);
        if (statements == null) {
            prepared.keySet().removeIf(SqliteCaseStore::closed); // the pool replaced a connection
            statements = new HashMap<>(); // a connection serves one thread at a time
            prepared.put(physical, statements);
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return reused(statement);
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** The statement, where {@code close()} clears its parameters instead, so that it can be used again. */
    private static PreparedStatement reused(PreparedStatement statement) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        statement.clearParameters();
                        return null;
                    }
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() {
        checkpoints.shutdownNow();
        try {
            checkpoints.awaitTermination(5, TimeUnit.SECONDS); // a checkpoint under way finishes first
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.close(); // the last connection to close checkpoints the rest and removes the WAL
    }

    @Override
    boolean isConflict(SQLException e) {
        // SQLITE_CONSTRAINT and its extended codes (a unique key or the primary key).
        return e instanceof SQLiteException sqlite && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }
}
