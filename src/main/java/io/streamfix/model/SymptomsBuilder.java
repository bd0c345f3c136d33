package io.streamfix.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Symptoms} field by field, for callers that hold the facts in their own objects (a
 * support tool's ticket) rather than in a symptom file. A field not set stays unknown, which is not
 * the same as {@code false}. Not thread-safe; the Symptoms it builds are immutable.
 *
 * <pre>{@code
 * Symptoms symptoms = Symptoms.builder()
 *         .device(DeviceType.MOBILE).deviceModel("Pixel 8")
 *         .vpnActive(true)
 *         .otherDevicesAffected(false)
 *         .tried("restart_network", FixResult.FAILED)
 *         .build();
 * }</pre>
 */
public final class SymptomsBuilder {
    private String errorCode;
    private DeviceType deviceType;
    private String deviceModel;
    private Boolean appUpToDate;
    private Boolean systemUpToDate;
    private Boolean vpnActive;
    private Boolean proxyActive;
    private Boolean smartDnsActive;
    private Boolean routerVpn;
    private DnsMode dns;
    private ConnectionQuality connection;
    private String internetProvider;
    private Boolean otherDevicesAffected;
    private Boolean worksOnOtherNetwork;
    private Boolean netflixOutage;
    private final List<TriedFix> tried = new ArrayList<>();

    SymptomsBuilder() {
    }

    /** The error code; {@value Symptoms#DEFAULT_ERROR_CODE} when not set. */
    public SymptomsBuilder errorCode(String errorCode) {
        this.errorCode = errorCode;
        return this;
    }

    public SymptomsBuilder device(DeviceType type) {
        this.deviceType = type;
        return this;
    }

    public SymptomsBuilder deviceModel(String model) {
        this.deviceModel = model;
        return this;
    }

    public SymptomsBuilder appUpToDate(boolean upToDate) {
        this.appUpToDate = upToDate;
        return this;
    }

    public SymptomsBuilder systemUpToDate(boolean upToDate) {
        this.systemUpToDate = upToDate;
        return this;
    }

    public SymptomsBuilder vpnActive(boolean active) {
        this.vpnActive = active;
        return this;
    }

    public SymptomsBuilder proxyActive(boolean active) {
        this.proxyActive = active;
        return this;
    }

    public SymptomsBuilder smartDnsActive(boolean active) {
        this.smartDnsActive = active;
        return this;
    }

    public SymptomsBuilder routerVpn(boolean active) {
        this.routerVpn = active;
        return this;
    }

    public SymptomsBuilder dns(DnsMode mode) {
        this.dns = mode;
        return this;
    }

    public SymptomsBuilder connection(ConnectionQuality quality) {
        this.connection = quality;
        return this;
    }

    public SymptomsBuilder internetProvider(String name) {
        this.internetProvider = name;
        return this;
    }

    public SymptomsBuilder otherDevicesAffected(boolean affected) {
        this.otherDevicesAffected = affected;
        return this;
    }

    public SymptomsBuilder worksOnOtherNetwork(boolean works) {
        this.worksOnOtherNetwork = works;
        return this;
    }

    public SymptomsBuilder netflixOutage(boolean outage) {
        this.netflixOutage = outage;
        return this;
    }

    /** A fix already tried (a fix id from {@code rules/knowledge.yaml}), in the order tried. */
    public SymptomsBuilder tried(String fix, FixResult result) {
        this.tried.add(new TriedFix(fix, result));
        return this;
    }

    public Symptoms build() {
        return new Symptoms(errorCode,
                new Device(deviceType, deviceModel, appUpToDate, systemUpToDate),
                new Network(vpnActive, proxyActive, smartDnsActive, routerVpn, dns, connection, internetProvider),
                new Observations(otherDevicesAffected, worksOnOtherNetwork, netflixOutage),
                tried);
    }
}
