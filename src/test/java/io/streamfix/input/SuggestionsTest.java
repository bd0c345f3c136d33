package io.streamfix.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("vpn_active", "proxy_active", "dns", "isp");

    @Test
    void suggestsWithinTwoEdits() {
        assertThat(Suggestions.closest("vpn_actve", FIELDS)).contains("vpn_active");
        assertThat(Suggestions.closest("proxyactiv", FIELDS)).contains("proxy_active");
    }

    @Test
    void suggestsWhatDiffersOnlyInCaseOrSeparators() {
        assertThat(Suggestions.closest("VPN-Active", FIELDS)).contains("vpn_active");
    }

    @Test
    void doesNotGuessForShortOrDistantWords() {
        assertThat(Suggestions.closest("ab", FIELDS)).isEmpty();
        assertThat(Suggestions.closest("router", FIELDS)).isEmpty();
    }

    @Test
    void sameSpellingToleratesNoTypos() {
        assertThat(Suggestions.sameSpelling("NSEZ-404", List.of("NSEZ-403"))).isEmpty();
        assertThat(Suggestions.sameSpelling("nsez 403", List.of("NSEZ-403"))).contains("NSEZ-403");
    }
}
