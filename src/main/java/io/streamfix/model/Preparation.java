package io.streamfix.model;

/**
 * One thing to have ready before contacting support, shown in ascending {@code rank}.
 *
 * @param rank where it goes in the list
 * @param text what to prepare, in plain words
 */
public record Preparation(int rank, String text) {
}
