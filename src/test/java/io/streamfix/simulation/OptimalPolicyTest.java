package io.streamfix.simulation;

import io.streamfix.model.Symptoms;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The optimum is what it claims: no order of fixes does better in expectation, on any model. */
class OptimalPolicyTest {
    private static final List<String> CAUSES = List.of("a", "b", "c");
    private static final List<String> FIXES = List.of("f1", "f2", "f3", "f4");

    @Property(tries = 200)
    void noSequenceOfFixesBeatsTheOptimum(@ForAll("models") Population population) {
        Symptoms nothingKnown = new Symptoms(null, null, null, null, List.of());
        ModelExpectation expectation = new ModelExpectation(population);
        OptimalPolicy optimum = new OptimalPolicy(population);
        double best = Double.MAX_VALUE;
        for (List<String> sequence : sequences(FIXES)) {
            best = Math.min(best, expectation.of(new SequencePolicy(sequence), nothingKnown).minutes());
        }

        double optimal = expectation.of(optimum, nothingKnown).minutes();
        assertThat(optimal).isCloseTo(best, within(1e-9 * best));
        assertThat(optimum.expectedMinutes(nothingKnown)).isCloseTo(best, within(1e-9 * best));
    }

    @Test
    void onTheShippedPopulationsTheOptimumIsNeverWorseThanStreamfixOrTheFixedOrderForAnyViewer() {
        for (var file : Shipped.POPULATIONS) {
            Population population = PopulationReader.read(file, Shipped.KNOWLEDGE);
            ModelExpectation expectation = new ModelExpectation(population);
            List<Policy> others = List.of(new StreamfixPolicy(Shipped.TROUBLESHOOTER), new FixedOrderPolicy(Shipped.KNOWLEDGE));
            OptimalPolicy optimum = new OptimalPolicy(population);
            for (Viewer viewer : new ViewerGenerator(population, 5).viewers(150)) {
                Symptoms reported = Shipped.TROUBLESHOOTER.knowledgeBase().reader().fromMap("v", viewer.document()).symptoms();
                double optimal = expectation.of(optimum, reported).minutes();
                for (Policy other : others) {
                    assertThat(optimal).as("%s, viewer %d, against %s", population.name(), viewer.id(), other.name())
                            .isLessThanOrEqualTo(expectation.of(other, reported).minutes() + 1e-9);
                }
            }
        }
    }

    @Test
    void itEscalatesWhenNoFixIsWorthItsMinutes() {
        Population hopeless = new Population("hopeless", Map.of("a", 1.0), List.of(),
                List.of(new FixModel("f1", new Minutes(30, 0), Map.of("a", 0.01))), new Minutes(10, 0));
        Population promising = new Population("promising", Map.of("a", 1.0), List.of(),
                List.of(new FixModel("f1", new Minutes(3, 0), Map.of("a", 0.9))), new Minutes(10, 0));
        Symptoms nothingKnown = new Symptoms(null, null, null, null, List.of());

        assertThat(new OptimalPolicy(hopeless).next(nothingKnown)).isEmpty();
        assertThat(new OptimalPolicy(promising).next(nothingKnown)).contains("f1");
        assertThat(new OptimalPolicy(promising).expectedMinutes(nothingKnown)).isCloseTo(3 + 0.1 * 10, within(1e-12));
    }

    @Test
    void factsTheModelGivesNoChanceGoStraightToSupport() {
        FactModel neverOn = new FactModel("network.vpn_active", List.of("true", "false"), Map.of("a", 1.0),
                Map.of("a", new double[] {0, 1}));
        Population population = new Population("strict", Map.of("a", 1.0), List.of(neverOn),
                List.of(new FixModel("f1", new Minutes(3, 0), Map.of("a", 0.9))), new Minutes(10, 0));
        Symptoms impossible = new Symptoms(null, null,
                new io.streamfix.model.Network(true, null, null, null, null, null, null), null, List.of());

        assertThat(new OptimalPolicy(population).next(impossible)).isEmpty();
        assertThat(new OptimalPolicy(population).expectedMinutes(impossible)).isEqualTo(10);
    }

    @Provide
    Arbitrary<Population> models() {
        Arbitrary<Double> probability = Arbitraries.doubles().between(0, 1);
        Arbitrary<Double> weight = Arbitraries.doubles().between(0.01, 1);
        Arbitrary<List<Double>> rates = weight.list().ofSize(CAUSES.size());
        Arbitrary<List<Double>> resolves = probability.list().ofSize(CAUSES.size() * FIXES.size());
        Arbitrary<List<Double>> minutes = Arbitraries.doubles().between(1, 60).list().ofSize(FIXES.size());
        Arbitrary<Double> escalation = Arbitraries.doubles().between(1, 120);
        return Combinators.combine(rates, resolves, minutes, escalation).as((r, s, m, e) -> {
            double total = r.stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> baseRates = new LinkedHashMap<>();
            for (int c = 0; c < CAUSES.size(); c++) {
                baseRates.put(CAUSES.get(c), r.get(c) / total);
            }
            List<FixModel> fixes = new ArrayList<>();
            for (int f = 0; f < FIXES.size(); f++) {
                Map<String, Double> chances = new LinkedHashMap<>();
                for (int c = 0; c < CAUSES.size(); c++) {
                    chances.put(CAUSES.get(c), s.get(f * CAUSES.size() + c));
                }
                fixes.add(new FixModel(FIXES.get(f), new Minutes(m.get(f), 0), chances));
            }
            return new Population("random", baseRates, List.of(), fixes, new Minutes(e, 0));
        });
    }

    /** Every ordered selection of the fixes (the empty one too): what a policy that sees only failures can do. */
    private static List<List<String>> sequences(List<String> fixes) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of());
        for (String first : fixes) {
            List<String> rest = new ArrayList<>(fixes);
            rest.remove(first);
            for (List<String> tail : sequences(rest)) {
                List<String> sequence = new ArrayList<>();
                sequence.add(first);
                sequence.addAll(tail);
                all.add(sequence);
            }
        }
        return all;
    }

    /** Tries the fixes of a sequence in order, then escalates. */
    private record SequencePolicy(List<String> sequence) implements Policy {
        @Override
        public String name() {
            return "sequence";
        }

        @Override
        public Optional<String> next(Symptoms symptoms) {
            int tried = symptoms.tried().size();
            return tried < sequence.size() ? Optional.of(sequence.get(tried)) : Optional.empty();
        }
    }
}
