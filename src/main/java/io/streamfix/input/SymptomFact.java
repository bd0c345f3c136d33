package io.streamfix.input;

import io.streamfix.model.ConnectionQuality;
import io.streamfix.model.DeviceType;
import io.streamfix.model.DnsMode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A fact of the symptom file that a viewer can be asked about, with the answers it can take. Free-text
 * fields (the device model, the provider's name) are not here: no finite set of answers can be tried.
 *
 * <pre>{@code
 * SymptomFact.named("network.dns").orElseThrow().answers();   // [automatic, manual]
 * }</pre>
 *
 * @param path    the field's path in the symptom file, e.g. {@code network.vpn_active}
 * @param answers what a viewer may answer: {@code yes}/{@code no} for a true/false field, the YAML
 *                values for a choice ({@code smart_tv}, …)
 */
public record SymptomFact(String path, List<String> answers) {
    /** The answers of a true/false field; {@link SymptomDocument} writes them as {@code true}/{@code false}. */
    public static final List<String> YES_NO = List.of("yes", "no");

    /** Every askable fact, in the order the README documents the symptom file. */
    public static final List<SymptomFact> ALL = List.of(
            new SymptomFact("device.type", values(DeviceType.class)),
            new SymptomFact("device.app_up_to_date", YES_NO),
            new SymptomFact("device.system_up_to_date", YES_NO),
            new SymptomFact("network.vpn_active", YES_NO),
            new SymptomFact("network.proxy_active", YES_NO),
            new SymptomFact("network.smart_dns_active", YES_NO),
            new SymptomFact("network.router_vpn", YES_NO),
            new SymptomFact("network.dns", values(DnsMode.class)),
            new SymptomFact("network.connection", values(ConnectionQuality.class)),
            new SymptomFact("observations.other_devices_affected", YES_NO),
            new SymptomFact("observations.works_on_other_network", YES_NO),
            new SymptomFact("observations.netflix_outage", YES_NO));

    public SymptomFact {
        answers = List.copyOf(answers);
    }

    /** The askable fact at {@code path}, if there is one. */
    public static Optional<SymptomFact> named(String path) {
        return ALL.stream().filter(fact -> fact.path().equals(path)).findFirst();
    }

    /** The paths of every askable fact, for messages. */
    public static List<String> paths() {
        return ALL.stream().map(SymptomFact::path).toList();
    }

    /** Whether this is a true/false fact (answered yes or no). */
    public boolean isYesNo() {
        return answers.equals(YES_NO);
    }

    /** The closest askable fact to a misspelt path, for "did you mean …?". */
    public static Optional<String> closest(String path) {
        return Suggestions.closest(path, paths());
    }

    private static <E extends Enum<E>> List<String> values(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
    }
}
