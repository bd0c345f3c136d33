package io.streamfix.cases;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server the tests run against: {@code STREAMFIX_TEST_POSTGRES} (a JDBC URL with user and
 * password) names it; {@code eval "$(.ci/postgres)"} starts one and sets it, and {@code .ci/run} does so.
 * Without it the PostgreSQL tests are skipped with a message that says how to run them, unless
 * {@code STREAMFIX_REQUIRE_POSTGRES=true} (CI), where they fail instead: CI never passes without them.
 * Each call makes a fresh database, so tests never see each other's cases.
 */
public final class TestPostgres {
    public static final String VARIABLE = "STREAMFIX_TEST_POSTGRES";

    private TestPostgres() {
    }

    /** A JDBC URL of a new, empty database on the test server; skips (or, in CI, fails) without one. */
    public static String freshDatabase() {
        String server = System.getenv(VARIABLE);
        String how = "set " + VARIABLE + " to a JDBC URL of a PostgreSQL server where the user may create databases; "
                + "eval \"$(.ci/postgres)\" starts one and sets it (.ci/run does)";
        if (server == null || server.isBlank()) {
            if (Boolean.parseBoolean(System.getenv("STREAMFIX_REQUIRE_POSTGRES"))) {
                Assertions.fail("STREAMFIX_REQUIRE_POSTGRES is set but no PostgreSQL server is given: " + how);
            }
            Assumptions.abort("PostgreSQL tests skipped: " + how);
        }
        String name = "streamfix_test_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        try (Connection admin = DriverManager.getConnection(server); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Assertions.fail("cannot create a test database on " + CaseStores.hidePassword(server) + ": " + e.getMessage()
                    + " (" + how + ")", e);
        }
        return withDatabase(server, name);
    }

    /** The server's URL with another database: jdbc:postgresql://host:port/NAME?params. */
    static String withDatabase(String serverUrl, String name) {
        return serverUrl.replaceFirst("^(jdbc:postgresql://[^/?]+)(/[^?]*)?", "$1/" + name);
    }
}
