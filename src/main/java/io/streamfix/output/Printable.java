package io.streamfix.output;

/**
 * Text from a symptom file or a rules folder, made safe to print: control characters (a newline that
 * would forge an output line, an escape sequence that would clear the terminal) and the bidirectional
 * controls that reorder what a reader sees are shown escaped, {@code \n} or {@code \u001b}, never raw.
 * So one problem is one line, and what is printed is what was written.
 *
 * <pre>{@code
 * out.println("error: " + Printable.escape(message));
 * }</pre>
 */
public final class Printable {
    private Printable() {
    }

    /** Whether the text holds a character {@link #escape} would escape. */
    public static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unprintable(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text with control and bidirectional characters escaped; the text itself when it has none. */
    public static String escape(String text) {
        if (text == null || !needsEscaping(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unprintable(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates. */
    static boolean unprintable(char c) {
        return Character.isISOControl(c)
                || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || c >= '\u202A' && c <= '\u202E'
                || c >= '\u2066' && c <= '\u2069';
    }
}
