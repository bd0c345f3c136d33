package io.streamfix;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated symptom cases for property tests: any combination of facts (each known true, known false
 * or unknown, choices any of their values) and of tried fixes.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Map<String, Object>> cases() {
 *     return GeneratedCases.documents(fixIds);
 * }
 * }</pre>
 */
public final class GeneratedCases {
    private GeneratedCases() {
    }

    /**
     * Symptom documents as a YAML file would hold them, absent keys being unknown facts.
     *
     * @param fixIds the fixes that may appear under {@code tried}
     */
    public static Arbitrary<Map<String, Object>> documents(List<String> fixIds) {
        Arbitrary<Map<String, Object>> device = Combinators.combine(
                Arbitraries.of("smart_tv", "streaming_stick", "browser", "game_console", "mobile", "tablet").injectNull(0.3),
                Arbitraries.of("LG C2", "Pixel 8", "Roku Express").injectNull(0.5),
                bool(), bool()).as((type, model, app, system) ->
                section("type", type, "model", model, "app_up_to_date", app, "system_up_to_date", system));
        Arbitrary<Map<String, Object>> network = Combinators.combine(bool(), bool(), bool(), bool(),
                Arbitraries.of("automatic", "manual").injectNull(0.4), Arbitraries.of("stable", "unstable").injectNull(0.4),
                Arbitraries.of("Acme Broadband", "Fibre Co").injectNull(0.5)).as((vpn, proxy, smartDns, routerVpn, dns, connection, isp) ->
                section("vpn_active", vpn, "proxy_active", proxy, "smart_dns_active", smartDns, "router_vpn", routerVpn,
                        "dns", dns, "connection", connection, "isp", isp));
        Arbitrary<Map<String, Object>> observations = Combinators.combine(bool(), bool(), bool()).as((others, elsewhere, outage) ->
                section("other_devices_affected", others, "works_on_other_network", elsewhere, "netflix_outage", outage));
        Arbitrary<List<Map<String, Object>>> tried = Arbitraries.subsetOf(fixIds).flatMap(fixes ->
                Arbitraries.frequency(Tuple.of(12, "failed"), Tuple.of(1, "helped"))
                        .list().ofSize(fixes.size()).map(results -> {
                            List<Map<String, Object>> entries = new ArrayList<>();
                            List<String> ordered = new ArrayList<>(fixes);
                            Collections.sort(ordered);
                            for (int i = 0; i < ordered.size(); i++) {
                                entries.add(section("fix", ordered.get(i), "result", results.get(i)));
                            }
                            return entries;
                        }));
        return Combinators.combine(device, network, observations, tried)
                .as((d, n, o, t) -> section("device", d, "network", n, "observations", o, "tried", t.isEmpty() ? null : t));
    }

    private static Arbitrary<Boolean> bool() {
        return Arbitraries.of(true, false).injectNull(0.4);
    }

    /** A mapping of the non-null values, in the order given. */
    static Map<String, Object> section(Object... keysAndValues) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                section.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return section;
    }
}
