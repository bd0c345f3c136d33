package io.streamfix.cli;

import io.streamfix.cases.CaseStore;
import picocli.CommandLine.Option;

/** The {@code --cases DB} option: where cases are kept (a SQLite file, or a PostgreSQL URL). */
public final class CasesOption {
    @Option(names = "--cases", paramLabel = "DB", defaultValue = "${env:STREAMFIX_CASES}",
            description = "Keep cases in DB: a SQLite file (created when missing, e.g. cases.db) or a PostgreSQL "
                    + "URL (postgresql://user:password@host:5432/db, or jdbc:postgresql://…). Default: $STREAMFIX_CASES; "
                    + "without either nothing is kept.")
    String location;

    /** Whether a store was named. */
    boolean given() {
        return location != null && !location.isBlank();
    }

    /**
     * Opens the store (migrating its schema); a store that cannot be opened throws a CaseStoreException that
     * Main reports with exit code 4, a location that names no store an IllegalArgumentException.
     */
    CaseStore open() {
        return CaseStore.open(location);
    }
}
