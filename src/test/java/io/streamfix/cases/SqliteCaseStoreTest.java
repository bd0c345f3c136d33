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
