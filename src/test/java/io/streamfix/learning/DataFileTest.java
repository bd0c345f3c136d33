package io.streamfix.learning;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Numbers rewritten in place: only the number and the comment on its line change. */
class DataFileTest {
    private static final String KNOWLEDGE = """
            # The knowledge data.
            causes:
              vpn_or_proxy:
                title: A VPN masks your IP address
                base_rate: 0.20        # the article: VPN interference is a common trigger
              dns_resolution:
                title: DNS
                base_rate: 0.1
            fixes:
              restart_network:
                minutes: 5             # the article: wait at least 60 seconds, then reconnect
                resolves:
                  unstable_connection: 0.7
                  network_block: {a: 1}
                flow: {x: 0.5, y: 0.25}
            """;

    @Test
    void readsNumbersAndKeysByPath() {
        DataFile file = DataFile.parse(KNOWLEDGE);

        assertThat(file.keys(List.of("causes"))).containsExactly("vpn_or_proxy", "dns_resolution");
        assertThat(file.number(List.of("causes", "vpn_or_proxy", "base_rate"))).contains(0.2);
        assertThat(file.number(List.of("fixes", "restart_network", "flow", "y"))).contains(0.25);
        assertThat(file.number(List.of("causes", "vpn_or_proxy", "title"))).isEmpty();
        assertThat(file.number(List.of("nope"))).isEmpty();
    }

    @Test
    void rewritesOnlyTheNumberAndItsCommentKeepingTheOldSource() {
        DataFile file = DataFile.parse(KNOWLEDGE);
        file.set(List.of("causes", "vpn_or_proxy", "base_rate"), 0.23456, "calibrated from 2400 tickets (was 0.2)");
        file.set(List.of("causes", "dns_resolution", "base_rate"), 0.05, "calibrated from 2400 tickets (was 0.1)");
        file.set(List.of("fixes", "restart_network", "flow", "x"), 0.4, "calibrated");

        String text = file.text();

        assertThat(text).contains("    base_rate: 0.235       # calibrated from 2400 tickets (was 0.2); before: "
                + "the article: VPN interference is a common trigger\n");
        assertThat(text).contains("    base_rate: 0.05  # calibrated from 2400 tickets (was 0.1)\n");
        assertThat(text).contains("    flow: {x: 0.4, y: 0.25}\n");
        // Everything else is as it was, line for line.
        List<String> before = KNOWLEDGE.lines().toList();
        List<String> after = text.lines().toList();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).contains("base_rate") && !before.get(i).contains("flow")) {
                assertThat(after.get(i)).isEqualTo(before.get(i));
            }
        }
    }

    @Test
    void aSecondCalibrationReplacesItsOwnCommentAndKeepsTheAuthorsSource() {
        DataFile once = DataFile.parse(KNOWLEDGE);
        once.set(List.of("fixes", "restart_network", "minutes"), 6, "calibrated from 10 timed attempts (was 5)");
        DataFile twice = DataFile.parse(once.text());
        twice.set(List.of("fixes", "restart_network", "minutes"), 7.5, "calibrated from 20 timed attempts (was 6)");

        assertThat(twice.text()).contains("    minutes: 7.5           # calibrated from 20 timed attempts (was 6); "
                + "before: the article: wait at least 60 seconds, then reconnect\n");
    }

    @Test
    void addsALineUnderAMappingIndentedLikeItsLastEntry() {
        DataFile file = DataFile.parse("""
                A rule:
                  vpn: 5.0            # CF 0.8
                  dns: 1.4            # CF 0.3
                Another rule:
                  cache: 2
                """);

        file.add(List.of("A rule"), "outage", 0.25, "calibrated from 10 tickets (added)");
        file.add(List.of("A rule"), "block", 1.5, "added second");

        assertThat(file.text()).isEqualTo("""
                A rule:
                  vpn: 5.0            # CF 0.8
                  dns: 1.4            # CF 0.3
                  outage: 0.25  # calibrated from 10 tickets (added)
                  block: 1.5  # added second
                Another rule:
                  cache: 2
                """);
        assertThat(DataFile.parse(file.text()).number(List.of("A rule", "outage"))).contains(0.25);
        assertThatThrownBy(() -> file.add(List.of("A rule"), "vpn", 1, "twice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> file.add(List.of("A rule"), "outage", 1, "twice")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPathWithoutANumber() {
        DataFile file = DataFile.parse(KNOWLEDGE);
        assertThatThrownBy(() -> file.set(List.of("causes", "vpn_or_proxy", "title"), 1, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsNumbersAsAnAuthorWould() {
        assertThat(DataFile.format(5)).isEqualTo("5");
        assertThat(DataFile.format(0.123456)).isEqualTo("0.123");
        assertThat(DataFile.format(0.0004567)).isEqualTo("0.000457");
        assertThat(DataFile.format(12.345)).isEqualTo("12.35");
        assertThat(DataFile.format(0.5)).isEqualTo("0.5");
    }
}
