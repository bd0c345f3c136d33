package io.streamfix.simulation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws simulated viewers from a {@link Population}. Seeded and deterministic: viewer {@code i} of seed
 * {@code s} is always the same viewer, whatever else was drawn before, so runs are reproducible and
 * viewers can be drawn in any order.
 *
 * <p>For each viewer, in this order: the cause (by the base rates); for each fact of the population,
 * its value given the cause, then whether the viewer reports it (given the cause); for each fix, whether it would help
 * (with P(resolves | cause)) and its minutes; the escalation's minutes.
 *
 * <pre>{@code
 * List<Viewer> viewers = new ViewerGenerator(population, 42).viewers(2000);
 * }</pre>
 */
public final class ViewerGenerator {
    private final Population population;
    private final long seed;

    public ViewerGenerator(Population population, long seed) {
        this.population = population;
        this.seed = seed;
    }

    /** The first {@code count} viewers of this seed. */
    public List<Viewer> viewers(int count) {
        return IntStream.range(0, count).mapToObj(this::viewer).toList();
    }

    /** Viewer number {@code id} of this seed. */
    public Viewer viewer(int id) {
        SplittableRandom random = randomFor(seed, id, 0);
        String cause = cause(random.nextDouble());
        Map<String, String> facts = new LinkedHashMap<>();
        Map<String, String> reported = new LinkedHashMap<>();
        for (FactModel fact : population.facts()) {
            String value = fact.sample(cause, random);
            facts.put(fact.path(), value);
            if (random.nextDouble() < fact.reported(cause)) {
                reported.put(fact.path(), value);
            }
        }
        Map<String, Viewer.Attempt> attempts = new LinkedHashMap<>();
        for (FixModel fix : population.fixes()) {
            boolean helps = random.nextDouble() < fix.resolves(cause);
            attempts.put(fix.id(), new Viewer.Attempt(helps, fix.minutes().sample(random)));
        }
        return new Viewer(id, cause, facts, reported, attempts, population.escalation().sample(random));
    }

    /**
     * A random stream of its own for viewer {@code id} and {@code purpose} (0 the viewer itself; others
     * for what a caller draws on top, such as when a viewer gives up), independent of the other viewers.
     */
    static SplittableRandom randomFor(long seed, int id, int purpose) {
        long mixed = seed * 0x9E3779B97F4A7C15L + id * 0xC2B2AE3D27D4EB4FL + purpose * 0x165667B19E3779F9L;
        return new SplittableRandom(mixed);
    }

    private String cause(double uniform) {
        double u = uniform * population.baseRates().values().stream().mapToDouble(Double::doubleValue).sum();
        double sum = 0;
        String last = null;
        for (Map.Entry<String, Double> rate : population.baseRates().entrySet()) {
            sum += rate.getValue();
            if (rate.getValue() > 0) {
                last = rate.getKey();
            }
            if (u < sum && rate.getValue() > 0) {
                return rate.getKey();
            }
        }
        return last; // rounding
    }
}
