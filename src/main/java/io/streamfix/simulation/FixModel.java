package io.streamfix.simulation;

import java.util.Map;

/**
 * How one fix behaves in a population.
 *
 * @param id       the fix id of the rules folder, e.g. {@code restart_network}
 * @param minutes  how long an attempt takes
 * @param resolves P(this fix ends the error | the true cause), by cause; 0 for a cause not listed
 */
public record FixModel(String id, Minutes minutes, Map<String, Double> resolves) {

    public FixModel {
        resolves = Map.copyOf(resolves);
    }

    /** P(this fix ends the error | the cause is {@code cause}). */
    public double resolves(String cause) {
        return resolves.getOrDefault(cause, 0.0);
    }
}
