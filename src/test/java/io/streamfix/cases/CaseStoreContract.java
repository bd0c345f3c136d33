package io.streamfix.cases;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.model.FixResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every case store does, run against each real database (SQLite files, a PostgreSQL server):
 * the subclasses say where. The advice comes from the project's rules through the real engine.
 */
abstract class CaseStoreContract {
    static KnowledgeBase rules;
    static Advisor advisor;

    CaseStore store;

    /** Where a fresh, empty store of this kind is: a location for {@link CaseStore#open}. */
    abstract String freshLocation() throws Exception;

    /** The same location as JDBC, for a test that reaches under the store. */
    abstract String jdbcUrl(String location);

    String location;

    @BeforeAll
    static void loadRules() {
        rules = KnowledgeBase.load(io.streamfix.ProjectRules.FOLDER);
        advisor = Advisor.of(rules);
    }

    @BeforeEach
    void openStore() throws Exception {
        location = freshLocation();
        store = CaseStore.open(location);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aCaseOpensWithTheAdviceForItsDocumentAndIsFoundAgain() {
        Recorded opened = store.open(Map.of("network", Map.of("vpn_active", true)), null, advisor);
        CaseRecord found = store.find(opened.kept().id()).orElseThrow();
        assertThat(found.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(found.advice().nextFix()).isEqualTo("disable_vpn_proxy");
        assertThat(found.advice().topCause()).isEqualTo("vpn_or_proxy");
        assertThat(found.advice().rulesVersion()).isEqualTo(rules.version());
        assertThat(found.document()).isEqualTo(Map.of("network", Map.of("vpn_active", true)));
        assertThat(found.steps()).isEmpty();
        assertThat(found.id()).matches("[0-9a-z]{10}");
        assertThat(store.find("nosuchcase")).isEmpty();
    }

    @Test
    void stepsAreKeptInOrderWithTheAdviceEachLedToAndAFixThatHelpedResolvesTheCase() {
        String id = store.open(Map.of(), null, advisor).kept().id();
        store.record(id, Step.answer("network.vpn_active", "yes"), "r1", advisor);
        store.record(id, Step.attempt("disable_vpn_proxy", FixResult.FAILED, 4.5), "r2", advisor);
        store.record(id, Step.answer("device.model", "LG C2"), "r3", advisor);
        Recorded last = store.record(id, Step.attempt("restart_network", FixResult.HELPED, null), "r4", advisor);

        CaseRecord kept = store.find(id).orElseThrow();
        assertThat(kept).isEqualTo(last.kept());
        assertThat(kept.status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(kept.steps()).extracting(CaseStep::seq).containsExactly(1, 2, 3, 4);
        assertThat(kept.steps().get(0).advice().nextFix()).isEqualTo("disable_vpn_proxy");
        assertThat(kept.steps().get(1).advice().nextFix()).isNotEqualTo("disable_vpn_proxy");
        assertThat(kept.steps().get(1).step().minutes()).isEqualTo(4.5);
        assertThat(kept.steps().get(3).advice().status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(kept.document()).containsEntry("device", Map.of("model", "LG C2"));
        assertThat(kept.ticket().get("tried")).isEqualTo(List.of(
                Map.of("fix", "disable_vpn_proxy", "result", "failed", "minutes", 4.5),
                Map.of("fix", "restart_network", "result", "helped")));
        assertThat(kept.steps().get(0).at()).isAfterOrEqualTo(kept.createdAt());
        assertThat(kept.updatedAt()).isEqualTo(kept.steps().get(3).at());
    }

    @Test
    void aRetriedRequestCountsOnce() {
        Recorded opened = store.open(Map.of(), "open-1", advisor);
        Recorded again = store.open(Map.of(), "open-1", advisor);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.kept().id()).isEqualTo(opened.kept().id());
        String id = opened.kept().id();

        Recorded first = store.record(id, Step.attempt("restart_network", FixResult.FAILED, 3.0), "step-1", advisor);
        Recorded retried = store.record(id, Step.attempt("restart_network", FixResult.FAILED, 3.0), "step-1", advisor);
        assertThat(first.duplicate()).isFalse();
        assertThat(retried.duplicate()).isTrue();
        assertThat(retried.step()).isEqualTo(first.step());
        assertThat(store.find(id).orElseThrow().steps()).hasSize(1);
        assertThat(store.list(CaseQuery.all()).cases()).hasSize(1);
    }

    @Test
    void undoTakesTheLastStepBackAndIsAStepOfItsOwn() {
        String id = store.open(Map.of(), null, advisor).kept().id();
        store.record(id, Step.answer("network.vpn_active", "yes"), null, advisor);
        store.record(id, Step.attempt("disable_vpn_proxy", FixResult.HELPED, 2.0), null, advisor);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(CaseStatus.RESOLVED);

        CaseRecord undone = store.record(id, Step.undo(), "u1", advisor).kept();
        assertThat(undone.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(undone.document()).doesNotContainKey("tried");
        assertThat(undone.advice().nextFix()).isEqualTo("disable_vpn_proxy");
        assertThat(store.find(id).orElseThrow()).isEqualTo(undone);
        assertThat(undone.steps()).extracting(CaseStep::undone).containsExactly(false, true, false);
        assertThat(undone.steps().get(2).undoes()).isEqualTo(2);

        store.record(id, Step.undo(), "u2", advisor);
        CaseRecord empty = store.find(id).orElseThrow();
        assertThat(empty.document()).isEmpty();
        assertThat(empty.ticket()).isEmpty();
        assertThatThrownBy(() -> store.record(id, Step.undo(), "u3", advisor))
                .isInstanceOf(CaseStoreException.Refused.class).hasMessageContaining("no step to undo");
    }

    @Test
    void anAbandonedCaseOpensAgainWithItsNextStep() {
        String id = store.open(Map.of(), null, advisor).kept().id();
        assertThat(store.record(id, Step.abandon(), null, advisor).kept().status()).isEqualTo(CaseStatus.ABANDONED);
        assertThat(store.list(CaseQuery.all().withStatus(CaseStatus.ABANDONED)).cases()).hasSize(1);
        assertThat(store.record(id, Step.answer("network.vpn_active", "no"), null, advisor).kept().status())
                .isEqualTo(CaseStatus.OPEN);
    }

    @Test
    void aStepThatMakesTheDocumentInvalidKeepsNothing() {
        String id = store.open(Map.of(), null, advisor).kept().id();
        assertThatThrownBy(() -> store.record(id, Step.answer("network.dns", "automatc"), null, advisor))
                .isInstanceOf(InvalidSymptomsException.class).hasMessageContaining("did you mean automatic");
        assertThatThrownBy(() -> store.record(id, Step.attempt("restart_netwrk", FixResult.FAILED, null), null, advisor))
                .isInstanceOf(InvalidSymptomsException.class);
        assertThat(store.find(id).orElseThrow().steps()).isEmpty();
        assertThatThrownBy(() -> store.record("nosuchcase", Step.undo(), null, advisor))
                .isInstanceOf(CaseStoreException.NoSuchCase.class);
    }

    @Test
    void casesAreListedByStatusAndTimeAPageAtATimeAndDeletedByIdOrAge() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = store.open(Map.of(), null, advisor).kept().id();
            if (i % 2 == 0) {
                store.record(id, Step.attempt("restart_network", FixResult.HELPED, 1.0), null, advisor);
            }
            ids.add(id);
            Thread.sleep(2);
        }
        List<String> seen = new ArrayList<>();
        String next = null;
        do {
            CasePage page = store.list(CaseQuery.all().withLimit(3).after(next));
            assertThat(page.cases().size()).isLessThanOrEqualTo(3);
            page.cases().forEach(c -> seen.add(c.id()));
            next = page.next();
        } while (next != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(store.list(CaseQuery.all().withStatus(CaseStatus.RESOLVED)).cases()).hasSize(4)
                .allSatisfy(c -> assertThat(c.steps()).hasSize(1));
        Instant fourth = store.find(ids.get(3)).orElseThrow().createdAt();
        assertThat(store.list(CaseQuery.all().withSince(fourth)).cases()).extracting(CaseRecord::id)
                .isEqualTo(ids.subList(3, 7));

        assertThat(store.delete(ids.get(6))).isTrue();
        assertThat(store.delete(ids.get(6))).isFalse();
        assertThat(store.deleteOpenedBefore(fourth)).isEqualTo(3);
        assertThat(store.list(CaseQuery.all()).cases()).extracting(CaseRecord::id).isEqualTo(ids.subList(3, 6));
        assertThatThrownBy(() -> store.list(CaseQuery.all().after("garbage")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a page cursor");
    }

    @Test
    void aStoreThatWroteACaseLastFindsWhatAnotherProcessRecordedOnItSince() {
        // A store writes its next step on a case it wrote last without reading it first (RecentCases):
        // here another store on the same database (as another process) has moved the case on meanwhile.
        String id = store.open(Map.of("network", Map.of("vpn_active", true)), null, advisor).kept().id();
        store.record(id, Step.attempt("disable_vpn_proxy", FixResult.FAILED, 3.0), "first", advisor);
        try (CaseStore other = CaseStore.open(location)) {
            other.record(id, Step.attempt("restart_network", FixResult.FAILED, 5.0), "second", advisor);
            other.record(id, Step.undo(), "undo-second", advisor);
        }

        assertThat(store.record(id, Step.undo(), "undo-second", advisor).duplicate()).isTrue(); // a retry, kept once
        Recorded third = store.record(id, Step.attempt("clear_app_data", FixResult.FAILED, 2.0), "third", advisor);

        assertThat(third.step().seq()).isEqualTo(4);
        CaseRecord kept = store.find(id).orElseThrow();
        assertThat(kept.steps()).extracting(CaseStep::requestId).containsExactly("first", "second", "undo-second", "third");
        assertThat(kept.document()).isEqualTo(third.kept().document());
        List<Object> fixesInForce = ((List<?>) kept.document().get("tried")).stream().map(t -> (Object) ((Map<?, ?>) t).get("fix")).toList();
        assertThat(fixesInForce).containsExactly("disable_vpn_proxy", "clear_app_data"); // the undone one is not in force

        try (CaseStore other = CaseStore.open(location)) {
            assertThat(other.delete(id)).isTrue();
        }
        assertThatThrownBy(() -> store.record(id, Step.answer("network.vpn_active", "no"), null, advisor))
                .isInstanceOf(CaseStoreException.NoSuchCase.class);
    }

    @Test
    void concurrentOpensOfOneRequestOpenOneCaseAndTheOthersTheirOwn() throws Exception {
        // Writes that meet are committed together (CommitQueue): a retry's unique key fails the group's
        // transaction, and each of its writes is then committed alone.
        int threads = 8;
        int rounds = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                String retried = "opened-twice-" + round;
                List<Future<Recorded>> opened = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String request = t % 2 == 0 ? retried : "own-" + round + "-" + t;
                    opened.add(pool.submit(() -> store.open(Map.of("network", Map.of("vpn_active", true)), request, advisor)));
                }
                Set<String> retriedIds = new HashSet<>();
                Set<String> ownIds = new HashSet<>();
                for (int t = 0; t < threads; t++) {
                    (t % 2 == 0 ? retriedIds : ownIds).add(opened.get(t).get().kept().id());
                }
                assertThat(retriedIds).as("one case for the request sent four times").hasSize(1);
                assertThat(ownIds).as("a case for each other request").hasSize(threads / 2).doesNotContainAnyElementsOf(retriedIds);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.list(CaseQuery.all().withLimit(100)).cases()).hasSize(rounds * (1 + threads / 2));
    }

    @Test
    void eightThreadsRecordingOnOneCaseLoseAndDuplicateNothing() throws Exception {
        String id = store.open(Map.of(), null, advisor).kept().id();
        int threads = 8;
        int perThread = 12;
        String[] fixes = {"restart_network", "clear_app_data", "change_dns", "update_software"};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String request = "t" + thread + "-" + i;
                        Step step = Step.attempt(fixes[i % fixes.length], FixResult.FAILED, (double) i);
                        store.record(id, step, request, advisor);
                        if (i % 5 == 0) {
                            assertThat(store.record(id, step, request, advisor).duplicate()).isTrue(); // a retry
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        CaseRecord kept = store.find(id).orElseThrow();
        assertThat(kept.steps()).extracting(CaseStep::seq)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * perThread).boxed().toList());
        Set<String> requests = new HashSet<>();
        kept.steps().forEach(s -> requests.add(s.requestId()));
        assertThat(requests).hasSize(threads * perThread);
        assertThat((List<?>) kept.document().get("tried")).hasSize(threads * perThread);
    }

    @Test
    void aDatabaseWithANewerSchemaIsRefusedAndLeftAsItIs() throws Exception {
        String id = store.open(Map.of(), null, advisor).kept().id();
        store.close();
        store = null;
        try (Connection connection = DriverManager.getConnection(jdbcUrl(location));
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO streamfix_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', "
                    + "'V99__from_the_future.sql', 0, 'a newer streamfix', 1, " + trueLiteral() + ")");
        }
        assertThatThrownBy(() -> CaseStore.open(location))
                .isInstanceOf(CaseStoreException.SchemaTooNew.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer than this streamfix knows (up to version 1)");
        try (Connection connection = DriverManager.getConnection(jdbcUrl(location));
             Statement statement = connection.createStatement()) {
            var count = statement.executeQuery("SELECT count(*) FROM cases WHERE id = '" + id + "'");
            assertThat(count.next()).isTrue();
            assertThat(count.getInt(1)).as("the case is still there").isEqualTo(1);
        }
    }

    /** How the database writes true in SQL. */
    abstract String trueLiteral();
}
