package io.streamfix.model;

/** Whether the internet connection holds or keeps dropping. */
public enum ConnectionQuality {
    STABLE, UNSTABLE
}
