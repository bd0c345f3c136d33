package io.streamfix.simulation;

import io.streamfix.input.InputProblem;
import io.streamfix.model.Fix;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PopulationReaderTest {

    @Test
    void theShippedPopulationsCoverEveryCauseAndFixOfTheRules() {
        for (Path file : Shipped.POPULATIONS) {
            Population population = PopulationReader.read(file, Shipped.KNOWLEDGE);

            assertThat(population.causes()).containsExactlyElementsOf(Shipped.KNOWLEDGE.causes().keySet());
            assertThat(population.fixes()).extracting(FixModel::id).containsExactlyElementsOf(
                    Shipped.KNOWLEDGE.fixes().values().stream().filter(f -> !f.escalation()).map(Fix::id).toList());
            assertThat(population.baseRates().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(PopulationReader.SUM_TOLERANCE));
            assertThat(population.facts()).hasSize(12);
            assertThat(population.escalation().mean()).isPositive();
        }
    }

    @Test
    void theThreePopulationsDiffer() {
        assertThat(Shipped.population("vpn-heavy").baseRates().get("vpn_or_proxy"))
                .isGreaterThan(Shipped.population("isp-dns-heavy").baseRates().get("vpn_or_proxy"));
        assertThat(Shipped.population("isp-dns-heavy").baseRates().get("dns_resolution"))
                .isGreaterThan(Shipped.population("device-heavy").baseRates().get("dns_resolution"));
        assertThat(Shipped.population("device-heavy").baseRates().get("outdated_software"))
                .isGreaterThan(Shipped.population("vpn-heavy").baseRates().get("outdated_software"));
    }

    @Test
    void aFactLeftOutIsNeverReportedAndDefaultsCoverUnlistedCauses() {
        Population population = read("""
                causes: {vpn_or_proxy: 0.5, unstable_connection: 0.5, corrupted_cache: 0, dns_resolution: 0,
                         outdated_software: 0, netflix_outage: 0, network_block: 0}
                facts:
                  network.vpn_active:
                    reported: 1
                    values:
                      vpn_or_proxy: {true: 0.9, false: 0.1}
                      default: {true: 0.2, false: 0.8}
                """ + FIXES);

        assertThat(population.facts()).extracting(FactModel::path).containsExactly("network.vpn_active");
        FactModel vpn = population.facts().get(0);
        assertThat(vpn.probability("true", "vpn_or_proxy")).isEqualTo(0.9);
        assertThat(vpn.probability("true", "network_block")).isEqualTo(0.2);
        assertThat(population.fix("restart_network").minutes()).isEqualTo(new Minutes(8, 0));
        assertThat(population.fix("disable_vpn_proxy").minutes()).isEqualTo(new Minutes(5, 2));
        assertThat(population.fix("disable_vpn_proxy").resolves("vpn_or_proxy")).isEqualTo(0.9);
        assertThat(population.fix("disable_vpn_proxy").resolves("network_block")).isZero();
        assertThat(population.escalation()).isEqualTo(new Minutes(60, 0));
    }

    @Test
    void theChanceOfReportingAFactMayDependOnTheCause() {
        Population population = read("""
                causes: {vpn_or_proxy: 0.5, unstable_connection: 0.5, corrupted_cache: 0, dns_resolution: 0,
                         outdated_software: 0, netflix_outage: 0, network_block: 0}
                facts:
                  network.vpn_active:
                    reported: {vpn_or_proxy: 0.2, default: 0.9}
                    values:
                      default: {true: 0.5, false: 0.5}
                """ + FIXES);

        FactModel vpn = population.facts().get(0);
        assertThat(vpn.reported("vpn_or_proxy")).isEqualTo(0.2);
        assertThat(vpn.reported("unstable_connection")).isEqualTo(0.9);
        // Saying nothing about the VPN is then evidence for it: 0.5 * 0.8 against 0.5 * 0.1.
        var nothingSaid = new io.streamfix.model.Symptoms(null, null, null, null, java.util.List.of());
        double[] weights = new Posterior(population).ofFacts(nothingSaid);
        assertThat(weights[0] / (weights[0] + weights[1])).isCloseTo(0.8 / 0.9, within(1e-12));
    }

    @Test
    void everyMistakeIsReportedAtOnceWithItsLineAndAMatch() {
        String text = """
                causes:
                  vpn_or_proxi: 0.5
                  unstable_connection: 0.7
                facts:
                  network.vpn_actve:
                    reported: 1.5
                fixes:
                  restart_network: {minutes: -3, resolves: {unstable_connection: 2}}
                escalation: {minutes: {mean: 60, sd: -1}}
                """;
        assertThatThrownBy(() -> read(text))
                .isInstanceOfSatisfying(InvalidPopulationException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::format)
                        .contains("test.yaml:2:3: causes.vpn_or_proxi: unknown cause \"vpn_or_proxi\"; expected one of "
                                        + String.join(", ", Shipped.KNOWLEDGE.causes().keySet()) + " — did you mean vpn_or_proxy?",
                                "test.yaml:5:3: facts.network.vpn_actve: not a symptom fact; expected one of "
                                        + String.join(", ", io.streamfix.input.SymptomFact.paths())
                                        + " — did you mean network.vpn_active?",
                                "test.yaml:8:21: fixes.restart_network.minutes: expected minutes > 0, got -3",
                                "test.yaml:8:45: fixes.restart_network.resolves.unstable_connection: expected a probability between 0 and 1, got 2",
                                "test.yaml:9:34: escalation.minutes.sd: expected a spread >= 0 in minutes, got -1")
                        .anyMatch(p -> p.contains("causes: missing the base rate of network_block"))
                        .noneMatch(p -> p.contains("missing the base rate of vpn_or_proxy") || p.contains("sum to"))
                        .anyMatch(p -> p.contains("fixes: missing the fix disable_vpn_proxy")));
    }

    @Test
    void probabilitiesThatDoNotSumToOneAreRefused() {
        String text = """
                causes: {vpn_or_proxy: 0.5, unstable_connection: 0.2, corrupted_cache: 0, dns_resolution: 0,
                         outdated_software: 0, netflix_outage: 0, network_block: 0}
                facts:
                  network.dns:
                    reported: 0.5
                    values:
                      default: {automatic: 0.5, manual: 0.2}
                """ + FIXES;
        assertThatThrownBy(() -> read(text))
                .isInstanceOfSatisfying(InvalidPopulationException.class, e -> assertThat(e.problems())
                        .extracting(InputProblem::format)
                        .containsExactly("test.yaml:1:1: causes: the base rates sum to 0.700; they must sum to 1",
                                "test.yaml:7:7: facts.network.dns.values.default: P(value | default) sum to 0.700; they must sum to 1"));
    }

    @Test
    void aFileThatIsNotYamlOrNotAMappingSaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "causes: [unclosed\n");
        assertThatThrownBy(() -> PopulationReader.read(file, Shipped.KNOWLEDGE))
                .isInstanceOf(InvalidPopulationException.class).hasMessageContaining("broken.yaml:").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("- a list\n")).hasMessageContaining("a population is a mapping");
        assertThatThrownBy(() -> PopulationReader.read(dir.resolve("missing.yaml"), Shipped.KNOWLEDGE))
                .hasMessageContaining("cannot read the file");
    }

    static final String FIXES = """
            fixes:
              restart_network: {minutes: 8}
              disable_vpn_proxy: {minutes: {mean: 5, sd: 2}, resolves: {vpn_or_proxy: 0.9}}
              clear_app_data: {minutes: 10}
              change_dns: {minutes: 10}
              update_software: {minutes: 10}
              check_service_status: {minutes: 2}
              try_other_network: {minutes: 5}
              contact_isp: {minutes: 40}
              factory_reset_router: {minutes: 40}
            escalation: {minutes: 60}
            """;

    static Population read(String text) {
        return PopulationReader.read("test.yaml", "test", text, Shipped.KNOWLEDGE);
    }
}
