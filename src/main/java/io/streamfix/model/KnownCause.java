package io.streamfix.model;

/**
 * A cause the knowledge base knows of, from {@code rules/knowledge.yaml}. Inserted into every session
 * so that rules can weigh the evidence for it.
 *
 * @param id       e.g. {@code vpn_or_proxy}
 * @param title    what it means, in the viewer's words
 * @param baseRate how often it is the cause of the error before anything is known (0 to 1)
 */
public record KnownCause(String id, String title, double baseRate) {
}
