package io.streamfix.model;

import java.util.List;
import java.util.Map;

/**
 * A fix the knowledge base knows of, from {@code rules/knowledge.yaml}. Inserted into every session.
 *
 * @param id         e.g. {@code disable_vpn_proxy}
 * @param order      the article's order of simplicity (1 = simplest, tried first when nothing else decides)
 * @param title      a short imperative title
 * @param why        the article's "why it works"
 * @param risky      only for people comfortable doing it (e.g. a router factory reset)
 * @param escalation the last resort: never in the plan, proposed when nothing else is left
 * @param addresses  the cause ids this fix can remove; the plan ranks a fix by the likeliest of them
 * @param steps      step lists by variant: a device type ({@code mobile}, {@code browser}, …), a variant
 *                   a rule chose (e.g. {@code router_vpn}), or {@code default}
 */
public record Fix(String id, int order, String title, String why, boolean risky, boolean escalation,
                  List<String> addresses, Map<String, List<String>> steps) {

    /** The variant used when no rule chose one and the device type has none of its own. */
    public static final String DEFAULT_STEPS = "default";

    public Fix {
        addresses = List.copyOf(addresses);
        steps = Map.copyOf(steps);
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
}
