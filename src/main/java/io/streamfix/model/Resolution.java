package io.streamfix.model;

/**
 * The case is resolved: a fix that was tried helped.
 *
 * @param fix the fix that helped
 */
public record Resolution(String fix) {
}
