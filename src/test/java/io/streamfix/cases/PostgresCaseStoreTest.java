package io.streamfix.cases;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The case store on a real PostgreSQL server (see {@link TestPostgres}), a fresh database per test. */
class PostgresCaseStoreTest extends CaseStoreContract {
    @Override
    String freshLocation() {
        return TestPostgres.freshDatabase();
    }

    @Override
    String jdbcUrl(String location) {
        return location;
    }

    @Override
    String trueLiteral() {
        return "true";
    }

    @Test
    void aLibpqUrlNamesTheSameStoreAndItsPasswordIsNeverShown() {
        String id = store.open(Map.of(), null, advisor).kept().id();
        // jdbc:postgresql://127.0.0.1:PORT/DB?user=U&password=P  ->  postgresql://U:P@127.0.0.1:PORT/DB
        var url = java.util.regex.Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)\\?user=([^&]+)&password=([^&]+)")
                .matcher(location);
        assertThat(url.matches()).as(location).isTrue();
        String libpq = "postgresql://" + url.group(3) + ":" + url.group(4) + "@" + url.group(1) + "/" + url.group(2);
        try (CaseStore same = CaseStore.open(libpq)) {
            assertThat(same.find(id)).isPresent();
            assertThat(same.describe()).doesNotContain(":" + url.group(4) + "@").contains(url.group(2));
        }
        assertThatThrownBy(() -> CaseStore.open("postgresql://nobody:secret@127.0.0.1:1/none"))
                .isInstanceOf(CaseStoreException.Unavailable.class)
                .hasMessageContaining("cannot be reached").hasMessageNotContaining("secret");
    }
}
