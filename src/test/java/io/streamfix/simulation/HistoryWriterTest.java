package io.streamfix.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.FixResult;
import io.streamfix.model.TriedFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryWriterTest {
    private static final Population POPULATION = Shipped.population("device-heavy");
    private static final SymptomsReader READER = Shipped.TROUBLESHOOTER.knowledgeBase().reader();

    private static HistoryWriter writer(double giveUp) {
        return new HistoryWriter(POPULATION, READER, new FixedOrderPolicy(Shipped.KNOWLEDGE), giveUp, 21);
    }

    @Test
    void aJsonlHistoryIsReadBackByStreamfixsOwnReader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.jsonl");
        HistoryWriter.Summary summary = writer(0.2).write(300, file, false, dir.resolve("truth.csv"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(300);
        List<SymptomCase> cases = lines.stream().map(line -> READER.read("history.jsonl", line)).toList();
        long resolved = cases.stream().filter(c -> lastHelped(c.symptoms().tried())).count();
        assertThat(resolved).isEqualTo(summary.resolved());
        assertThat(summary.abandoned()).isPositive();
        assertThat(summary.resolved() + summary.escalated() + summary.abandoned()).isEqualTo(300);
        List<String> truth = Files.readAllLines(dir.resolve("truth.csv"));
        assertThat(truth).hasSize(301).contains("300," + new ViewerGenerator(POPULATION, 21).viewer(299).cause());
        assertThat(cases).allSatisfy(c -> {
            List<TriedFix> tried = c.symptoms().tried();
            assertThat(tried.subList(0, Math.max(0, tried.size() - 1))).allMatch(t -> t.result() == FixResult.FAILED);
        });
    }

    @Test
    void theMinutesOfEachAttemptAreReadBackToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("timed.jsonl");
        writer(0.1).write(100, file, true, null);
        List<Viewer> viewers = new ViewerGenerator(POPULATION, 21).viewers(100);

        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            List<TriedFix> tried = READER.read("timed.jsonl", lines.get(i)).symptoms().tried();
            Viewer viewer = viewers.get(i);
            assertThat(tried).isNotEmpty().allSatisfy(t -> assertThat(t.minutes())
                    .isEqualTo(Math.round(viewer.attempts().get(t.fix()).minutes() * 10) / 10.0));
        }
    }

    @Test
    void eachTicketFollowsTheDeskInOrderAndCarriesItsMinutes() {
        List<Map<String, Object>> tickets = writer(0.0).tickets(200);

        Viewer first = new ViewerGenerator(POPULATION, 21).viewer(0);
        assertThat(new ObjectMapper().valueToTree(tickets.get(0)).path("tried").get(0).path("fix").asText())
                .isEqualTo("restart_network");
        @SuppressWarnings("unchecked")
        Map<String, Object> attempt = ((List<Map<String, Object>>) tickets.get(0).get("tried")).get(0);
        assertThat(((Number) attempt.get("minutes")).doubleValue())
                .isEqualTo(Math.round(first.attempts().get("restart_network").minutes() * 10) / 10.0);
        // Without giving up, a ticket ends only when a fix helps or every fix has failed (fixed order).
        assertThat(tickets).allSatisfy(ticket -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> tried = (List<Map<String, Object>>) ticket.get("tried");
            assertThat(tried.get(tried.size() - 1).get("result").equals("helped") || tried.size() == 9).isTrue();
        });
    }

    @Test
    void aFolderHistoryHoldsOneSymptomFilePerTicketAndTheSameSeedWritesTheSameTickets(@TempDir Path dir) throws Exception {
        writer(0.1).write(25, dir.resolve("tickets"), false, dir.resolve("truth.csv"));
        writer(0.1).write(25, dir.resolve("again"), false, null);
        assertThat(Files.readAllLines(dir.resolve("truth.csv"))).hasSize(26).startsWith("ticket,cause",
                "ticket-00001.yaml," + new ViewerGenerator(POPULATION, 21).viewer(0).cause());

        try (Stream<Path> files = Files.list(dir.resolve("tickets"))) {
            List<Path> written = files.sorted().toList();
            assertThat(written).hasSize(25);
            assertThat(written.get(0).getFileName().toString()).isEqualTo("ticket-00001.yaml");
            for (Path file : written) {
                assertThat(READER.read(file).symptoms().tried()).isNotEmpty();
                assertThat(Files.readString(file)).isEqualTo(Files.readString(dir.resolve("again").resolve(file.getFileName())));
            }
        }
    }

    private static boolean lastHelped(List<TriedFix> tried) {
        return !tried.isEmpty() && tried.get(tried.size() - 1).result() == FixResult.HELPED;
    }
}
