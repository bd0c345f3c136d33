package io.streamfix.model;

/** How the device gets its DNS servers: from the internet provider (automatic) or set by hand. */
public enum DnsMode {
    AUTOMATIC, MANUAL
}
