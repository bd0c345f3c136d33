package io.streamfix.model;

/**
 * A fix that cannot help in this case (e.g. nothing to update), so the plan leaves it out.
 *
 * @param fix    the fix id
 * @param reason why, in plain words
 */
public record NotApplicable(String fix, String reason) {
}
