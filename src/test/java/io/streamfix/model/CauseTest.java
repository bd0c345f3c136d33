package io.streamfix.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CauseTest {
    private static final KnownCause VPN = new KnownCause("vpn_or_proxy", "VPN");

    @Test
    void evidenceForACauseAddsUpTowardsOneButNeverPast() {
        assertThat(Cause.combine(0.8, 0.7)).isCloseTo(0.94, within(1e-9));
        assertThat(Cause.combine(0.9, 0.9, 0.9, 0.9)).isLessThan(1.0);
    }

    @Test
    void evidenceAgainstACauseCancelsEvidenceForIt() {
        assertThat(Cause.combine(0.8, -0.4)).isCloseTo(0.4 / 0.6, within(1e-9));
        assertThat(Cause.combine(-0.4, -0.5)).isCloseTo(-0.7, within(1e-9));
    }

    @Test
    void aCauseRuledOutStaysOutWhateverElseSpeaksForIt() {
        assertThat(Cause.combine(0.8, -1.0)).isEqualTo(-1.0);
        assertThat(Cause.combine(1.0, -1.0)).isZero();
    }

    @Test
    void theOrderOfTheEvidenceDoesNotMatter() {
        assertThat(Cause.combine(0.3, -0.5, 0.8)).isCloseTo(Cause.combine(0.8, 0.3, -0.5), within(1e-9));
    }

    @Test
    void confidenceIsTheCombinedFactorFlooredAtZeroWithTheStrongestEvidenceFirst() {
        Evidence weak = new Evidence("vpn_or_proxy", 0.2, "weak", "r1");
        Evidence strong = new Evidence("vpn_or_proxy", -0.9, "strong", "r2");
        Cause cause = Cause.from(VPN, List.of(weak, strong));
        assertThat(cause.confidence()).isZero();
        assertThat(cause.evidence()).containsExactly(strong, weak);
    }
}
