package io.streamfix;

/** A support tool's own fact, as the embedding tests insert it next to a case: the viewer's account. */
public record Account(String id, String tier) {
}
