package io.streamfix.model;

/**
 * The device that shows the error. A {@code null} field is unknown, which is not the same as false.
 *
 * @param type           the kind of device
 * @param model          free text, e.g. "LG C2"
 * @param appUpToDate    the Netflix app (or the browser) is current
 * @param systemUpToDate the system software of the TV, console, phone or browser is current
 */
public record Device(DeviceType type, String model, Boolean appUpToDate, Boolean systemUpToDate) {
    /** A device about which nothing is known. */
    public static final Device UNKNOWN = new Device(null, null, null, null);

    /** This device with what {@code learned} knows added: a field known there wins. */
    public Device with(Device learned) {
        return new Device(Symptoms.known(learned.type, type), Symptoms.known(learned.model, model),
                Symptoms.known(learned.appUpToDate, appUpToDate),
                Symptoms.known(learned.systemUpToDate, systemUpToDate));
    }}
