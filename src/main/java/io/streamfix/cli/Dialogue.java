package io.streamfix.cli;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The two ends of {@code streamfix consult}: what the viewer reads and what they type. On a terminal it
 * is JLine's: line editing, the answers given so far on Up-arrow, Ctrl-C as quit, and text wrapped at
 * word boundaries to the terminal's width (read again on every line, so a resized window is followed).
 * From a pipe or a script it reads plain lines and echoes them, so that a transcript reads like a
 * dialogue, and it wraps nothing.
 *
 * <pre>{@code
 * try (Dialogue dialogue = Dialogue.open(System.in, out)) {
 *     dialogue.say("Is a VPN app turned on on this device?");
 *     String reply = dialogue.ask("[yes/no]");     // null at the end of input
 * }
 * }</pre>
 */
final class Dialogue implements AutoCloseable {
    /** What Ctrl-C types: the consultation ends as if "quit" was typed. */
    static final String INTERRUPTED = "quit";

    private final Terminal terminal;
    private final LineReader reader;
    private final BufferedReader plain;
    private final PrintWriter out;

    private Dialogue(Terminal terminal, BufferedReader plain, PrintWriter out) {
        this.terminal = terminal;
        this.reader = terminal == null ? null : LineReaderBuilder.builder().terminal(terminal)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // "!" is plain text in an answer
                .build();
        if (reader != null) {
            // The arrows as most terminals send them outside keypad mode too (ESC [ A, not only ESC O A).
            KeyMap<Binding> keys = reader.getKeyMaps().get(LineReader.MAIN);
            keys.bind(new Reference(LineReader.UP_LINE_OR_HISTORY), "\033[A");
            keys.bind(new Reference(LineReader.DOWN_LINE_OR_HISTORY), "\033[B");
            keys.bind(new Reference(LineReader.FORWARD_CHAR), "\033[C");
            keys.bind(new Reference(LineReader.BACKWARD_CHAR), "\033[D");
        }
        this.plain = plain;
        this.out = terminal == null ? out : terminal.writer();
    }

    /**
     * JLine's terminal when both ends are one ({@code System.console()}); otherwise plain lines from
     * {@code in} and output to {@code out}.
     */
    static Dialogue open(InputStream in, PrintWriter out) throws IOException {
        if (System.console() != null) {
            return new Dialogue(TerminalBuilder.builder().system(true).build(), null, out);
        }
        return new Dialogue(null, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
    }

    /** One line of text, wrapped on a terminal; continuation lines keep the line's indentation. */
    void say(String text) {
        out.println(wrap(text, width()));
        out.flush();
    }

    /** An empty line. */
    void say() {
        out.println();
    }

    /** Writes text as it is (a symptom file, say), never wrapped. */
    void print(String text) {
        out.print(text);
        out.flush();
    }

    /**
     * Shows {@code prompt} (wrapped, the last line followed by " > ") and reads the reply; null at the
     * end of input, {@link #INTERRUPTED} on Ctrl-C.
     */
    String ask(String prompt) throws IOException {
        String wrapped = wrap(prompt, width() - 3);
        int last = wrapped.lastIndexOf('\n');
        if (last >= 0) {
            out.println(wrapped.substring(0, last));
        }
        String line = wrapped.substring(last + 1) + " > ";
        if (reader != null) {
            try {
                return reader.readLine(line);
            } catch (UserInterruptException e) {
                return INTERRUPTED;
            } catch (EndOfFileException e) {
                return null;
            }
        }
        out.print(line);
        out.flush();
        String reply = plain.readLine();
        if (reply != null) {
            out.println(reply); // piped input is not shown by a terminal
        }
        return reply;
    }

    /** The terminal's width; no wrapping (a very wide line) for a pipe or a terminal that does not say. */
    private int width() {
        int width = terminal == null ? 0 : terminal.getWidth();
        return width <= 0 ? Integer.MAX_VALUE : width;
    }

    /** {@code text} broken at spaces so that no line is longer than {@code width}, if a word allows. */
    static String wrap(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        String indent = text.substring(0, text.length() - text.stripLeading().length());
        StringBuilder wrapped = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        boolean empty = true; // no word on this line yet
        for (String word : text.strip().split(" +")) {
            // a word too long for any line (a list of choices, say) is broken after its slashes
            String[] parts = word.length() > width - indent.length() - 2 ? word.split("(?<=/)") : new String[] {word};
            for (int i = 0; i < parts.length; i++) {
                String gap = i > 0 ? "" : " ";
                if (!empty && line.length() + gap.length() + parts[i].length() > width) {
                    wrapped.append(line).append('\n');
                    line = new StringBuilder(indent).append("  "); // a continuation, indented a little more
                    empty = true;
                }
                line.append(empty ? "" : gap).append(parts[i]);
                empty = false;
            }
        }
        return wrapped.append(line).toString();
    }

    @Override
    public void close() throws IOException {
        out.flush();
        if (terminal != null) {
            terminal.close();
        }
    }
}
