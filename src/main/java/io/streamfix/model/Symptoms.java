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
}
