package io.streamfix.model;

import java.util.List;
import java.util.Map;

/**
 * A fix the knowledge base knows of, from {@code rules/knowledge.yaml}. Inserted into every session.
 *
 * @param id         e.g. {@code disable_vpn_proxy}
 * @param order      the article's order of simplicity (1 = simplest); breaks ties in the plan
 * @param title      a short imperative title
 * @param why        the article's "why it works"
 * @param risky      only for people comfortable doing it (e.g. a router factory reset)
 * @param escalation the last resort (contacting Netflix support): never a plan step; the plan escalates
 *                   when no fix is worth its time, and then this fix's {@code minutes} are the cost
 * @param minutes    the typical minutes an attempt takes (for the escalation: the cost of escalating)
 * @param resolves   by cause id, the probability that this fix ends the error when that cause is at work;
 *                   a cause not listed is never resolved by it
 * @param steps      step lists by variant: a device type ({@code mobile}, {@code browser}, …), a variant
 *                   a rule chose (e.g. {@code router_vpn}), or {@code default}
 */
public record Fix(String id, int order, String title, String why, boolean risky, boolean escalation,
                  double minutes, Map<String, Double> resolves, Map<String, List<String>> steps) {

    /** The variant used when no rule chose one and the device type has none of its own. */
    public static final String DEFAULT_STEPS = "default";

    public Fix {
        resolves = Map.copyOf(resolves);
        steps = Map.copyOf(steps);
    }

    /** The probability that this fix ends the error when {@code cause} is at work (0 when it does not address it). */
    public double resolves(String cause) {
        Double chance = resolves.get(cause);
        return chance == null ? 0.0 : chance;
    }

    /**
     * The likelihood ratio of this fix having failed, for a cause: 1 − {@link #resolves(String)}. A cause
     * the fix does not address is untouched by its failure (λ = 1).
     */
    public double failureLikelihood(String cause) {
        return 1.0 - resolves(cause);
    }

    /** The steps of the first variant in {@code variants} that this fix has, else the default ones. */
    public List<String> stepsFor(List<String> variants) {
        for (String variant : variants) {
            if (variant != null && steps.containsKey(variant)) {
                return steps.get(variant);
            }
        }
        return steps.getOrDefault(DEFAULT_STEPS, List.of());
    }

    /** Whether the steps differ by device type: some device type has step lists of its own. */
    public boolean stepsDependOnDevice() {
        for (DeviceType type : DeviceType.values()) {
            if (steps.containsKey(type.name().toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
