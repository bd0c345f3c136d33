package io.streamfix.cases;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Which store a {@code --cases} location names, and opening it (see {@link CaseStore#open}). */
final class CaseStores {
    private CaseStores() {
    }

    static CaseStore open(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("no case store given: name a SQLite file (cases.db) or a "
                    + "PostgreSQL URL (postgresql://user:password@host/db)");
        }
        String trimmed = location.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return PostgresCaseStore.open(trimmed, null, null, hidePassword(trimmed));
        }
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return openUrl(trimmed);
        }
        if (trimmed.startsWith("jdbc:sqlite:")) {
            return SqliteCaseStore.open(Path.of(trimmed.substring("jdbc:sqlite:".length())));
        }
        if (trimmed.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("\"" + hidePassword(trimmed) + "\" is not a case store streamfix knows: "
                    + "use a SQLite file (cases.db) or a PostgreSQL URL (postgresql://user:password@host/db)");
        }
        return SqliteCaseStore.open(Path.of(trimmed));
    }

    /** {@code postgresql://user:password@host:port/db?params}, as libpq writes it, to the JDBC driver's form. */
    private static CaseStore openUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + hidePassword(url) + "\" is not a PostgreSQL URL: " + e.getMessage()
                    + " (expected postgresql://user:password@host:port/db)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + hidePassword(url) + "\" names no host: expected postgresql://user:password@host:port/db");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        String jdbc = "jdbc:postgresql://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String shown = "postgresql://" + (user == null ? "" : user + "@") + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + database;
        return PostgresCaseStore.open(jdbc, user, password, shown);
    }

    /** A location as messages show it: no password, whether in the user part or a parameter. */
    static String hidePassword(String location) {
        return location.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
