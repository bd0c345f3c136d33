package io.streamfix.model;

/**
 * What the viewer has noticed around the error. A {@code null} field is unknown.
 *
 * @param otherDevicesAffected the error also appears on other devices of the same network
 * @param worksOnOtherNetwork  Netflix works on another network, e.g. a mobile hotspot
 * @param netflixOutage        Netflix reports a service outage
 */
public record Observations(Boolean otherDevicesAffected, Boolean worksOnOtherNetwork, Boolean netflixOutage) {
    /** Nothing observed yet. */
    public static final Observations UNKNOWN = new Observations(null, null, null);

    /** These observations with what {@code learned} knows added: a field known there wins. */
    public Observations with(Observations learned) {
        return new Observations(Symptoms.known(learned.otherDevicesAffected, otherDevicesAffected),
                Symptoms.known(learned.worksOnOtherNetwork, worksOnOtherNetwork),
                Symptoms.known(learned.netflixOutage, netflixOutage));
    }
}
