package io.streamfix.simulation;

import java.util.List;
import java.util.Map;

/**
 * A simulated population of viewers who see NSEZ-403: the generating model that the replay benchmark
 * samples viewers from and that the optimum knows. Single fault: each viewer has one true cause; given
 * the cause, each symptom fact and each fix's success is independent of the others (naive Bayes).
 * Read one with {@link PopulationReader#read}; the README, "Simulated viewers", documents the file.
 *
 * <pre>{@code
 * Population population = PopulationReader.read(Path.of("populations/vpn-heavy.yaml"), knowledge);
 * Viewer first = new ViewerGenerator(population, 1).viewer(0);
 * }</pre>
 *
 * @param name       a short name for reports, e.g. {@code vpn-heavy}
 * @param baseRates  P(cause | NSEZ-403), by cause id, in the order of the rules folder; sums to 1
 * @param facts      the symptom facts a viewer may report, in the order of the symptom file
 * @param fixes      every fix of the rules folder except the escalation, in the article's order
 * @param escalation what escalating to Netflix support costs; it ends the case
 */
public record Population(String name, Map<String, Double> baseRates, List<FactModel> facts,
                         List<FixModel> fixes, Minutes escalation) {

    public Population {
        baseRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseRates));
        facts = List.copyOf(facts);
        fixes = List.copyOf(fixes);
    }

    /** The cause ids, in the order of the rules folder. */
    public List<String> causes() {
        return List.copyOf(baseRates.keySet());
    }

    /** The fix with this id. */
    public FixModel fix(String id) {
        return fixes.stream().filter(fix -> fix.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such fix in population " + name + ": " + id));
    }
}
