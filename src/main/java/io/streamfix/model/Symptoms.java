package io.streamfix.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything known about one case: the input of a diagnosis. Absent parts are unknown, never false.
 *
 * <pre>{@code
 * Symptoms s = new Symptoms("NSEZ-403",
 *         new Device(DeviceType.MOBILE, "Pixel 8", true, true),
 *         Network.UNKNOWN, Observations.UNKNOWN, List.of());
 * }</pre>
 *
 * @param errorCode    the streaming error, e.g. {@code NSEZ-403}
 * @param device       the device that shows it
 * @param network      its network
 * @param observations what the viewer noticed
 * @param tried        fixes already tried, in order
 */
public record Symptoms(String errorCode, Device device, Network network, Observations observations,
                       List<TriedFix> tried) {
    /** The error code assumed when a symptom file names none. */
    public static final String DEFAULT_ERROR_CODE = "NSEZ-403";

    public Symptoms {
        errorCode = errorCode == null ? DEFAULT_ERROR_CODE : errorCode;
        device = Objects.requireNonNullElse(device, Device.UNKNOWN);
        network = Objects.requireNonNullElse(network, Network.UNKNOWN);
        observations = Objects.requireNonNullElse(observations, Observations.UNKNOWN);
        tried = tried == null ? List.of() : List.copyOf(tried);
    }

    /**
     * This case with the facts {@code learned} knows about the device, the network and the observations
     * added (a fact known there wins), as when a viewer answers a question. The error code and the
     * tried fixes stay this case's.
     *
     * <pre>{@code
     * Symptoms answered = symptoms.with(reader.fromMap("<answer>", Map.of("network", Map.of("vpn_active", true))).symptoms());
     * }</pre>
     */
    public Symptoms with(Symptoms learned) {
        return new Symptoms(errorCode, device.with(learned.device), network.with(learned.network),
                observations.with(learned.observations), tried);
    }

    /** What was learned, where it is known; else what was known before. */
    static <T> T known(T learned, T before) {
        return learned != null ? learned : before;
    }
}
