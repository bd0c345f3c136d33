package io.streamfix.model;

/**
 * Chooses which of a fix's step lists to show (e.g. {@code router_vpn} for a VPN that runs on the
 * router), overriding the one for the device type.
 *
 * @param fix     the fix id
 * @param variant a key under the fix's {@code steps} in the knowledge data
 */
public record StepVariant(String fix, String variant) {
}
