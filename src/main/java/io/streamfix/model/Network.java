package io.streamfix.model;

/**
 * The network the device is on. A {@code null} field is unknown, which is not the same as false.
 *
 * @param vpnActive      a VPN app is on
 * @param proxyActive    a proxy is set in the device's network settings
 * @param smartDnsActive a Smart DNS service is in use
 * @param routerVpn      the router sends all traffic through a VPN
 * @param dns            automatic (the provider's DNS) or manual
 * @param connection     stable or unstable
 * @param internetProvider            the internet provider's name, free text
 */
public record Network(Boolean vpnActive, Boolean proxyActive, Boolean smartDnsActive, Boolean routerVpn,
                      DnsMode dns, ConnectionQuality connection, String internetProvider) {
    /** A network about which nothing is known. */
    public static final Network UNKNOWN = new Network(null, null, null, null, null, null, null);

    /** This network with what {@code learned} knows added: a field known there wins. */
    public Network with(Network learned) {
        return new Network(Symptoms.known(learned.vpnActive, vpnActive),
                Symptoms.known(learned.proxyActive, proxyActive),
                Symptoms.known(learned.smartDnsActive, smartDnsActive), Symptoms.known(learned.routerVpn, routerVpn),
                Symptoms.known(learned.dns, dns), Symptoms.known(learned.connection, connection),
                Symptoms.known(learned.internetProvider, internetProvider));
    }
}
