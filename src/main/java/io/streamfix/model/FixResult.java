package io.streamfix.model;

/** What happened when a fix was tried. */
public enum FixResult {
    FAILED, HELPED
}
