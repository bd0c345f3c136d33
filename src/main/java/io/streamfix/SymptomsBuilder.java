package io.streamfix;

import io.streamfix.model.ConnectionQuality;
import io.streamfix.model.DeviceType;
import io.streamfix.model.DnsMode;
import io.streamfix.model.FixResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a case in code, field by field, for a support tool that already holds a ticket's answers.
 * What is not set stays unknown (not false), as in a symptom file. It fills the same document a symptom
 * file holds, so the case is checked by the same reader when it is diagnosed (an unknown fix id given to
 * {@link #tried} is reported as {@code tried[0].fix}). Not thread-safe: one builder per case.
 *
 * <pre>{@code
 * Diagnosis diagnosis = troubleshooter.diagnose(Troubleshooter.symptoms()
 *         .device(DeviceType.SMART_TV).vpnActive(true).otherDevicesAffected(false)
 *         .tried("restart_network", FixResult.FAILED));
 * }</pre>
 */
public final class SymptomsBuilder {
    private final Map<String, Object> document = new LinkedHashMap<>();
    private final List<Map<String, Object>> tried = new ArrayList<>();

    SymptomsBuilder() {
    }

    /** The streaming error; {@code NSEZ-403} unless set. */
    public SymptomsBuilder errorCode(String code) { document.put("error_code", code); return this; }

    /** The kind of device that shows the error. */
    public SymptomsBuilder device(DeviceType type) { return set("device", "type", name(type)); }

    /** The device's model, free text such as {@code "LG C2"}. */
    public SymptomsBuilder deviceModel(String model) { return set("device", "model", model); }

    /** The Netflix app (or the browser) is current. */
    public SymptomsBuilder appUpToDate(boolean value) { return set("device", "app_up_to_date", value); }

    /** The device's system software is current. */
    public SymptomsBuilder systemUpToDate(boolean value) { return set("device", "system_up_to_date", value); }

    /** A VPN app is on. */
    public SymptomsBuilder vpnActive(boolean value) { return set("network", "vpn_active", value); }

    /** A proxy is set in the device's network settings. */
    public SymptomsBuilder proxyActive(boolean value) { return set("network", "proxy_active", value); }

    /** A Smart DNS service is in use. */
    public SymptomsBuilder smartDnsActive(boolean value) { return set("network", "smart_dns_active", value); }

    /** The router sends all traffic through a VPN. */
    public SymptomsBuilder routerVpn(boolean value) { return set("network", "router_vpn", value); }

    /** Automatic (the provider's) or manual DNS. */
    public SymptomsBuilder dns(DnsMode mode) { return set("network", "dns", name(mode)); }

    /** A stable or unstable connection. */
    public SymptomsBuilder connection(ConnectionQuality quality) { return set("network", "connection", name(quality)); }

    /** The internet provider's name, free text. */
    public SymptomsBuilder internetProvider(String name) { return set("network", "isp", name); }

    /** The error also appears on other devices of the same network. */
    public SymptomsBuilder otherDevicesAffected(boolean value) { return set("observations", "other_devices_affected", value); }

    /** Netflix works on another network, e.g. a mobile hotspot. */
    public SymptomsBuilder worksOnOtherNetwork(boolean value) { return set("observations", "works_on_other_network", value); }

    /** Netflix reports a service outage. */
    public SymptomsBuilder netflixOutage(boolean value) { return set("observations", "netflix_outage", value); }

    /** A fix already tried (a fix id such as {@code restart_network}) and what came of it; call in order. */
    public SymptomsBuilder tried(String fixId, FixResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("fix", fixId);
        entry.put("result", name(result));
        tried.add(entry);
        document.put("tried", tried);
        return this;
    }

    /** The case as a symptom document (the shape of a symptom file), for {@code SymptomsReader.fromMap}. */
    public Map<String, Object> toMap() {
        return document;
    }

    @SuppressWarnings("unchecked")
    private SymptomsBuilder set(String section, String field, Object value) {
        ((Map<String, Object>) document.computeIfAbsent(section, s -> new LinkedHashMap<String, Object>())).put(field, value);
        return this;
    }

    /** An enum constant as symptom files spell it: {@code SMART_TV} is {@code smart_tv}. */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
