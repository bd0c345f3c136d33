package io.streamfix.learning;

import io.streamfix.Troubleshooter;
import io.streamfix.input.InputProblem;
import io.streamfix.model.FixResult;
import io.streamfix.model.TriedFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Ticket histories from symptom files and .jsonl files; a bad ticket is reported and skipped. */
class HistoryReaderTest {
    private static final HistoryReader READER = new HistoryReader(Troubleshooter.load(Path.of("rules")).reader());

    @Test
    void readsJsonLinesInOrderAndSkipsBadLinesWithTheirLineNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"network\": {\"vpn_active\": true}, \"tried\": [{\"fix\": \"disable_vpn_proxy\", \"result\": \"helped\", \"minutes\": 3}]}",
                "",
                "{\"tried\": [{\"fix\": \"restart_network\", \"result\": \"failed\", \"minutes\": -1}]}",
                "{not json",
                "[1, 2]",
                "{\"tried\": [{\"fix\": \"restart_network\", \"result\": \"failed\"}]}") + "\n");
        List<List<InputProblem>> skipped = new ArrayList<>();

        History history = READER.read(List.of(file), skipped::add);

        assertThat(history.tickets()).extracting(Ticket::source)
                .containsExactly(file + ":1", file + ":6");
        Ticket first = history.tickets().get(0);
        assertThat(first.resolved()).isTrue();
        assertThat(first.helpedFix()).isEqualTo("disable_vpn_proxy");
        assertThat(first.attempts()).containsExactly(new TriedFix("disable_vpn_proxy", FixResult.HELPED, 3.0));
        assertThat(first.facts().tried()).isEmpty();
        assertThat(history.tickets().get(1).resolved()).isFalse(); // abandoned
        assertThat(history.tickets().get(1).helpedFix()).isNull();

        assertThat(skipped).hasSize(3);
        assertThat(skipped.get(0).get(0).format()).startsWith(file + ":3: tried[0].minutes: expected a number of minutes");
        assertThat(skipped.get(1).get(0).format()).startsWith(file + ":4:").contains("JSON syntax error");
        assertThat(skipped.get(2).get(0).format()).isEqualTo(file + ":5:1: expected a JSON object (a symptom document), got a list");
    }

    @Test
    void readsSymptomFilesOfEveryKindAndReportsABadOneWholeWithoutStopping(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "tried:\n  - {fix: restart_network, result: helped, minutes: 5}\n");
        Files.writeString(dir.resolve("b.json"), "{\"tried\": [{\"fix\": \"change_dns\", \"result\": \"failed\"}]}");
        Files.writeString(dir.resolve("c.yml"), "network: {dns: automatc}\ntried:\n  - {fix: restart_netwrk, result: failed}\n");
        List<List<InputProblem>> skipped = new ArrayList<>();

        History history = READER.read(List.of(dir.resolve("a.yaml"), dir.resolve("b.json"), dir.resolve("c.yml")),
                skipped::add);

        assertThat(history.size()).isEqualTo(2);
        assertThat(skipped).hasSize(1);
        assertThat(skipped.get(0)).extracting(InputProblem::field).containsExactly("network.dns", "tried[0].fix");
    }

    @Test
    void everyNthTicketIsHeldBackTheSameWayEachTime() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            tickets.add(new Ticket("t" + i, new io.streamfix.model.Symptoms(null, null, null, null, null)));
        }
        History.Split split = new History(tickets).split(5);

        assertThat(split.heldBack().tickets()).extracting(Ticket::source).containsExactly("t5", "t10");
        assertThat(split.training().size()).isEqualTo(8);
    }

    @Test
    void knowsWhichFilesAreTicketFiles(@TempDir Path dir) throws Exception {
        for (String name : List.of("a.yaml", "b.yml", "c.json", "d.jsonl", "e.txt")) {
            Files.writeString(dir.resolve(name), "{}");
        }
        assertThat(List.of("a.yaml", "b.yml", "c.json", "d.jsonl", "e.txt"))
                .filteredOn(name -> HistoryReader.isTicketFile(dir.resolve(name)))
                .containsExactly("a.yaml", "b.yml", "c.json", "d.jsonl");
    }
}
