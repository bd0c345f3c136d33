package io.streamfix.simulation;

import io.streamfix.Troubleshooter;
import io.streamfix.learning.BeliefModel;
import io.streamfix.learning.RulesData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The rules with a population's true numbers written in ({@link PopulationRules}): what is left between
 * streamfix's advice and the optimum is what the method loses, not what the numbers get wrong.
 */
class TrueNumbersTest {
    private static final Path RULES = Path.of("rules");

    @Test
    void theTrueNumbersAreWrittenWhereTheRulesKeepThem(@TempDir Path temp) throws java.io.IOException {
        Population population = Shipped.population("vpn-heavy");
        Path target = temp.resolve("true");
        // The shipped rules and one that fires on two answers of one fact, to see their chances summed.
        Path rules = io.streamfix.ProjectRules.copyInto(temp.resolve("rules"));
        java.nio.file.Files.writeString(rules.resolve("handheld.drl"), """
                package streamfix;
                import io.streamfix.model.*;
                global io.streamfix.engine.Likelihoods likelihoods;
                // Test only: one rule for two answers of the device type.
                rule "A phone or tablet often runs a VPN app"
                    ruleflow-group "evidence"
                when
                    Device( type == DeviceType.MOBILE || type == DeviceType.TABLET )
                then
                    likelihoods.insertEvidence(drools, "A phone or tablet.");
                end
                """);
        java.nio.file.Files.writeString(rules.resolve("likelihoods.yaml"), java.nio.file.Files.readString(rules.resolve("likelihoods.yaml"))
                + "\nA phone or tablet often runs a VPN app:\n  vpn_or_proxy: 1.5  # test only\n");

        PopulationRules truth = PopulationRules.write(population, rules, target);

        BeliefModel model = RulesData.read(target).model();
        population.baseRates().forEach((cause, p) -> assertThat(model.baseRates().get(cause)).as(cause).isEqualTo(p));
        assertThat(RulesData.read(target).model().minutes().get("contact_netflix_support")).isEqualTo(60.0);
        assertThat(model.minutes().get("update_software")).isEqualTo(20.0);
        assertThat(model.resolves("clear_app_data", "outdated_software")).isZero();     // listed, the population has none
        assertThat(model.resolves("restart_network", "dns_resolution")).isEqualTo(0.1); // added: the rules did not list it
        // Found through the engine, not from the names: one rule for two answers of the device type.
        assertThat(truth.findings().get("A phone or tablet often runs a VPN app"))
                .containsExactly("device.type=mobile", "device.type=tablet");
        // reported · P(true | cause) over the same for the causes the population's default covers.
        assertThat(model.likelihood("A VPN app masks the IP address", "vpn_or_proxy"))
                .isCloseTo(0.75 * 0.70 / (0.85 * 0.10), within(0.006));
        assertThat(model.likelihood("A VPN app masks the IP address", "dns_resolution")).isEqualTo(1.0);
        // A phone or a tablet: the summed probabilities, 0.24 + 0.08 for VPNs against 0.15 + 0.07.
        assertThat(model.likelihood("A phone or tablet often runs a VPN app", "vpn_or_proxy"))
                .isCloseTo(0.32 / 0.22, within(0.006));
        assertThat(model.likelihood("A phone or tablet often runs a VPN app", "corrupted_cache"))
                .isCloseTo(0.15 / 0.22, within(0.006));
        assertThat(truth.notes()).anySatisfy(note -> assertThat(note).contains("network.vpn_active is reported depends on the cause"));
    }

    @Test
    void withTheTrueNumbersTheAdviceIsWithinThreePercentOfTheOptimum(@TempDir Path temp) {
        for (Path file : Shipped.POPULATIONS) {
            Population population = PopulationReader.read(file, Shipped.KNOWLEDGE);
            Path target = temp.resolve(population.name());
            PopulationRules.write(population, RULES, target);

            ReplayBenchmark.Result result = ReplayBenchmark.run(population, Troubleshooter.load(target), 1500, 1);

            System.out.printf(java.util.Locale.ROOT, "%s: streamfix %.2f min, optimum %.2f min, ratio %.3f (expected %.3f)%n",
                    population.name(), result.figures("streamfix").minutes(), result.figures("optimum").minutes(),
                    result.ratio("streamfix"), result.expectedRatio("streamfix"));
            assertThat(result.ratio("streamfix")).as(population.name()).isLessThanOrEqualTo(1.03);
        }
    }
}
