package io.streamfix.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case store on SQLite files in a temporary folder. */
class SqliteCaseStoreTest extends CaseStoreContract {
    @TempDir
    Path folder;

    @Override
    String freshLocation() {
        return folder.resolve("cases.db").toString();
    }

    @Override
    String jdbcUrl(String location) {
        return "jdbc:sqlite:" + location;
    }

    @Override
    String trueLiteral() {
        return "1";
    }

    @Test
    void theFileIsInWalModeAndAJdbcUrlNamesTheSameStore() throws Exception {
        String id = store.open(Map.of(), null, advisor).kept().id();
        try (Connection connection = DriverManager.getConnection(jdbcUrl(location));
             ResultSet mode = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.getString(1)).isEqualTo("wal");
        }
        try (CaseStore same = CaseStore.open("jdbc:sqlite:" + location)) {
            assertThat(same.find(id)).isPresent();
        }
    }

    /** The store's own thread copies the WAL into the file: no writer has to, and a copy of the file alone holds the case. */
    @Test
    void whatIsKeptReachesTheDatabaseFileItselfWithinACheckpointPeriod() throws Exception {
        String id = store.record(store.open(Map.of(), null, advisor).kept().id(),
                Step.answer("network.vpn_active", "yes"), null, advisor).kept().id();
        Path copy = folder.resolve("copy.db");
        long deadline = System.currentTimeMillis() + 20L * SqliteCaseStore.CHECKPOINT_EVERY_MS;
        int steps = 0;
        while (steps == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(SqliteCaseStore.CHECKPOINT_EVERY_MS / 5);
            Files.copy(Path.of(location), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING); // not its -wal
            try (Connection connection = DriverManager.getConnection(jdbcUrl(copy.toString()));
                 ResultSet count = connection.createStatement().executeQuery(
                         "SELECT count(*) FROM case_steps WHERE case_id = '" + id + "'")) {
                steps = count.getInt(1);
            } catch (java.sql.SQLException notYet) {
                // the copy caught the file before its first checkpoint (no tables yet)
            }
        }
        assertThat(steps).isEqualTo(1);
        assertThat(Path.of(location + "-wal")).exists(); // the store is open: the WAL is in use, not removed
    }

    @Test
    void aFileThatIsNotADatabaseOrAMissingFolderIsReportedClearly() throws Exception {
        Path yaml = Files.writeString(folder.resolve("case.yaml"), "network:\n  vpn_active: true\n".repeat(50));
        assertThatThrownBy(() -> CaseStore.open(yaml.toString()))
                .isInstanceOf(CaseStoreException.Unavailable.class).hasMessageContaining("not a SQLite database");
        assertThatThrownBy(() -> CaseStore.open(folder.resolve("no/such/folder/cases.db").toString()))
                .isInstanceOf(CaseStoreException.Unavailable.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> CaseStore.open("mysql://host/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a case store streamfix knows");
    }
}
