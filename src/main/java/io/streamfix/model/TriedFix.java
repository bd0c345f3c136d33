package io.streamfix.model;

/**
 * A fix the viewer already tried, and what came of it.
 *
 * @param fix    the fix id, e.g. {@code restart_network}
 * @param result failed or helped
 */
public record TriedFix(String fix, FixResult result) {
}
