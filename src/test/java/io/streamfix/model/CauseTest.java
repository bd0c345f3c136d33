package io.streamfix.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CauseTest {
    private static final KnownCause VPN = new KnownCause("vpn_or_proxy", "VPN", 0.2);
    private static final KnownCause CACHE = new KnownCause("corrupted_cache", "Cache", 0.3);
    private static final KnownCause OUTAGE = new KnownCause("netflix_outage", "Outage", 0.5);
    private static final List<KnownCause> KNOWN = List.of(VPN, CACHE, OUTAGE);

    private static double probability(List<Cause> causes, String id) {
        return causes.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().confidence();
    }

    @Test
    void withoutEvidenceTheProbabilitiesAreTheBaseRates() {
        List<Cause> causes = Cause.posteriors(KNOWN, List.of());
        assertThat(probability(causes, "vpn_or_proxy")).isEqualTo(0.2);
        assertThat(probability(causes, "netflix_outage")).isEqualTo(0.5);
    }

    @Test
    void theOddsAreTheBaseRateTimesTheLikelihoodRatiosNormalised() {
        // odds: vpn 0.2 * 5 * 2 = 2, cache 0.3, outage 0.5 * 0.4 = 0.2; total 2.5
        List<Cause> causes = Cause.posteriors(KNOWN, List.of(
                new Evidence("vpn_or_proxy", 5, "a", "r1"), new Evidence("vpn_or_proxy", 2, "b", "r2"),
                new Evidence("netflix_outage", 0.4, "c", "r3")));
        assertThat(probability(causes, "vpn_or_proxy")).isCloseTo(2 / 2.5, within(1e-3));
        assertThat(probability(causes, "corrupted_cache")).isCloseTo(0.3 / 2.5, within(1e-3));
        assertThat(probability(causes, "netflix_outage")).isCloseTo(0.2 / 2.5, within(1e-3));
        assertThat(causes.stream().mapToDouble(Cause::confidence).sum()).isCloseTo(1.0, within(2e-3));
    }

    @Test
    void aRatioOfZeroRulesACauseOutWhateverElseSpeaksForIt() {
        List<Cause> causes = Cause.posteriors(KNOWN, List.of(
                new Evidence("vpn_or_proxy", 10, "for", "r1"), new Evidence("vpn_or_proxy", 0, "out", "r2")));
        assertThat(probability(causes, "vpn_or_proxy")).isZero();
        assertThat(probability(causes, "corrupted_cache")).isCloseTo(0.3 / 0.8, within(1e-3));
    }

    @Test
    void everyCauseRuledOutLeavesNoProbabilityAnywhere() {
        List<Cause> causes = Cause.posteriors(List.of(VPN), List.of(new Evidence("vpn_or_proxy", 0, "out", "r")));
        assertThat(causes).singleElement().extracting(Cause::confidence).isEqualTo(0.0);
    }

    @Test
    void theEvidenceIsListedStrongestFirstEitherWay() {
        Evidence weak = new Evidence("vpn_or_proxy", 1.5, "weak", "r1");
        Evidence strong = new Evidence("vpn_or_proxy", 0.1, "strong", "r2");
        Cause cause = Cause.posteriors(List.of(VPN), List.of(weak, strong)).get(0);
        assertThat(cause.evidence()).containsExactly(strong, weak);
        assertThat(cause.baseRate()).isEqualTo(0.2);
    }

    @Test
    void aNegativeOrEndlessRatioIsRejectedNamingTheRule() {
        assertThatThrownBy(() -> new Evidence("vpn_or_proxy", -0.5, "x", "Some rule"))
                .hasMessageContaining("likelihood ratio").hasMessageContaining("Some rule");
        assertThatThrownBy(() -> new Evidence("vpn_or_proxy", Double.POSITIVE_INFINITY, "x", "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
