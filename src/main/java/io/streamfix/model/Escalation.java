package io.streamfix.model;

/**
 * Nothing is left to try: the case goes to someone who can see more than the viewer can.
 *
 * @param to who to contact, e.g. "Netflix support"
 */
public record Escalation(String to) {
}
