package io.streamfix.simulation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The generator follows its model: frequencies on a large sample match the population's numbers. */
class ViewerGeneratorTest {
    private static final int SAMPLE = 40_000;
    private static final Population POPULATION = Shipped.population("vpn-heavy");
    private static final List<Viewer> VIEWERS = new ViewerGenerator(POPULATION, 11).viewers(SAMPLE);

    /** Four standard errors of a proportion p on n draws: a test that fails by chance about once in 15,000 runs. */
    private static double tolerance(double p, long n) {
        return 4 * Math.sqrt(p * (1 - p) / n) + 1e-9;
    }

    @Test
    void causesFollowTheBaseRates() {
        POPULATION.baseRates().forEach((cause, rate) -> {
            double share = VIEWERS.stream().filter(v -> v.cause().equals(cause)).count() / (double) SAMPLE;
            assertThat(share).as(cause).isCloseTo(rate, within(tolerance(rate, SAMPLE)));
        });
    }

    @Test
    void factsFollowTheirLikelihoodGivenTheCauseAndAreReportedAtTheirRate() {
        for (FactModel fact : POPULATION.facts()) {
            for (String cause : List.of("vpn_or_proxy", "unstable_connection")) {
                List<Viewer> withCause = VIEWERS.stream().filter(v -> v.cause().equals(cause)).toList();
                for (String value : fact.values()) {
                    double expected = fact.probability(value, cause);
                    double share = withCause.stream().filter(v -> value.equals(v.facts().get(fact.path()))).count()
                            / (double) withCause.size();
                    assertThat(share).as("P(%s = %s | %s)", fact.path(), value, cause)
                            .isCloseTo(expected, within(tolerance(expected, withCause.size())));
                }
                double reported = withCause.stream().filter(v -> v.reported().containsKey(fact.path())).count()
                        / (double) withCause.size();
                assertThat(reported).as("P(%s reported | %s)", fact.path(), cause)
                        .isCloseTo(fact.reported(cause), within(tolerance(fact.reported(cause), withCause.size())));
            }
        }
        assertThat(VIEWERS).allSatisfy(v -> assertThat(v.facts()).containsAllEntriesOf(v.reported()));
    }

    @Test
    void fixesHelpWithTheirChanceGivenTheCauseAndTakeTheirMinutes() {
        for (FixModel fix : POPULATION.fixes()) {
            for (String cause : POPULATION.causes()) {
                List<Viewer> withCause = VIEWERS.stream().filter(v -> v.cause().equals(cause)).toList();
                double helped = withCause.stream().filter(v -> v.attempts().get(fix.id()).helps()).count()
                        / (double) withCause.size();
                assertThat(helped).as("P(%s helps | %s)", fix.id(), cause)
                        .isCloseTo(fix.resolves(cause), within(tolerance(fix.resolves(cause), withCause.size())));
            }
            double[] minutes = VIEWERS.stream().mapToDouble(v -> v.attempts().get(fix.id()).minutes()).toArray();
            double mean = java.util.Arrays.stream(minutes).average().orElseThrow();
            double sd = Math.sqrt(java.util.Arrays.stream(minutes).map(m -> (m - mean) * (m - mean)).sum() / (SAMPLE - 1));
            assertThat(mean).as("mean minutes of %s", fix.id())
                    .isCloseTo(fix.minutes().mean(), within(4 * fix.minutes().sd() / Math.sqrt(SAMPLE) + 1e-9));
            assertThat(sd).as("spread of %s", fix.id()).isCloseTo(fix.minutes().sd(), within(0.1 * fix.minutes().sd() + 1e-9));
            assertThat(java.util.Arrays.stream(minutes).min().orElseThrow()).isPositive();
        }
    }

    @Test
    void theSameSeedGivesTheSameViewersInAnyOrder() {
        ViewerGenerator generator = new ViewerGenerator(POPULATION, 11);
        assertThat(generator.viewer(1234)).isEqualTo(VIEWERS.get(1234));
        assertThat(new ViewerGenerator(POPULATION, 11).viewers(10)).isEqualTo(VIEWERS.subList(0, 10));
        assertThat(new ViewerGenerator(POPULATION, 12).viewers(10)).isNotEqualTo(VIEWERS.subList(0, 10));
    }

    @Test
    void theReportedFactsBecomeASymptomDocumentThatStreamfixReads() {
        Viewer viewer = VIEWERS.stream().filter(v -> v.reported().size() >= 8).findFirst().orElseThrow();
        var symptoms = Shipped.TROUBLESHOOTER.knowledgeBase().reader().fromMap("viewer", viewer.document()).symptoms();

        assertThat(io.streamfix.input.SymptomDocument.knownPaths(io.streamfix.input.SymptomDocument.toMap(symptoms)))
                .containsExactlyInAnyOrderElementsOf(viewer.reported().keySet());
    }

    @Test
    void minutesWithoutSpreadAreTheMean() {
        SplittableRandom random = new SplittableRandom(3);
        assertThat(new Minutes(7, 0).sample(random)).isEqualTo(7);
    }
}
