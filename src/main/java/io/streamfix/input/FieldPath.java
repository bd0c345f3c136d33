package io.streamfix.input;

/** Builds the field paths shown in problems: {@code network.dns}, {@code tried[2].fix}. */
final class FieldPath {

    /** The path of the whole document. */
    static final String ROOT = "";

    private FieldPath() {
    }

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
