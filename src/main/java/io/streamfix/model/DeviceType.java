package io.streamfix.model;

/** The kind of device the error appears on; the article names these five families (and tablets). */
public enum DeviceType {
    SMART_TV, STREAMING_STICK, BROWSER, GAME_CONSOLE, MOBILE, TABLET
}
