package io.streamfix.learning;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A YAML data file of the rules folder whose numbers can be read, and rewritten in place: only the
 * number's own text and the comment on its line change, so comments, order and layout stay as the
 * rule author wrote them, and the change is a readable diff.
 *
 * <pre>{@code
 * DataFile knowledge = DataFile.parse(text);
 * knowledge.number(List.of("causes", "vpn_or_proxy", "base_rate"));                      // Optional[0.2]
 * knowledge.set(List.of("causes", "vpn_or_proxy", "base_rate"), 0.231, "calibrated from 2400 tickets");
 * String rewritten = knowledge.text();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class DataFile {
    /** Where a scalar is written: its text spans {@code [start, end)} of the file. */
    private record Scalar(String value, int start, int end) {
    }

    private record Edit(int start, int end, String replacement) {
    }

    private final String text;
    private final Map<List<String>, Scalar> scalars = new LinkedHashMap<>();
    private final Map<List<String>, List<String>> keys = new LinkedHashMap<>();
    private final List<Edit> edits = new ArrayList<>();
    /** The paths {@link #add} has added, so that a key is not added twice. */
    private final Set<List<String>> added = new HashSet<>();

    private DataFile(String text) {
        this.text = text;
    }

    /** Parses a YAML document (the whole file's text); throws {@code YAMLException} when it does not parse. */
    public static DataFile parse(String text) {
        DataFile file = new DataFile(text);
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        if (root != null) {
            file.index(root, List.of());
        }
        return file;
    }

    private void index(Node node, List<String> path) {
        if (node instanceof ScalarNode scalar) {
            scalars.put(path, new Scalar(scalar.getValue(), scalar.getStartMark().getIndex(), scalar.getEndMark().getIndex()));
        } else if (node instanceof MappingNode mapping) {
            List<String> names = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    names.add(key.getValue());
                    index(tuple.getValueNode(), append(path, key.getValue()));
                }
            }
            keys.put(path, names);
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                index(sequence.getValue().get(i), append(path, "[" + i + "]"));
            }
        }
    }

    private static List<String> append(List<String> path, String key) {
        List<String> longer = new ArrayList<>(path);
        longer.add(key);
        return List.copyOf(longer);
    }

    /** The keys of the mapping at {@code path}, in file order; empty when there is none. */
    public List<String> keys(List<String> path) {
        return keys.getOrDefault(path, List.of());
    }

    /** The number at {@code path}, or empty when there is none or it is not a number. */
    public Optional<Double> number(List<String> path) {
        Scalar scalar = scalars.get(path);
        if (scalar == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(scalar.value()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The text of the scalar at {@code path}, or empty. */
    public Optional<String> scalar(List<String> path) {
        return Optional.ofNullable(scalars.get(path)).map(Scalar::value);
    }

    /**
     * Replaces the number at {@code path} with {@code value} and the comment on its line with
     * {@code comment} (a comment already there is kept after it, unless it is one this method wrote).
     * Only numbers in block style ({@code key: 0.2} on a line of its own) get a comment; in a flow
     * mapping ({@code {a: 0.2, b: 0.1}}) only the number changes.
     *
     * @throws IllegalArgumentException when there is no number at {@code path}
     */
    public void set(List<String> path, double value, String comment) {
        Scalar scalar = scalars.get(path);
        if (scalar == null || number(path).isEmpty()) {
            throw new IllegalArgumentException("no number at " + String.join(".", path));
        }
        String written = format(value);
        edits.add(new Edit(scalar.start(), scalar.end(), written));
        int lineEnd = text.indexOf('\n', scalar.end());
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        String rest = text.substring(scalar.end(), lineEnd);
        String trimmed = rest.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            String old = trimmed.isEmpty() ? "" : trimmed.substring(1).strip();
            String kept = old.startsWith(CALIBRATED) ? keptAfterCalibration(old) : old;
            // The comment stays in its column when there is room, so that aligned comments stay aligned.
            int width = trimmed.isEmpty() ? 2 : rest.indexOf('#') + (scalar.end() - scalar.start()) - written.length();
            String padding = " ".repeat(Math.max(trimmed.isEmpty() ? 2 : 1, width));
            edits.add(new Edit(scalar.end(), lineEnd,
                    padding + "# " + comment + (kept.isEmpty() ? "" : SEPARATOR + kept)));
        }
    }

    /**
     * Adds {@code key: value  # comment} to the block mapping at {@code path}, on a line of its own after
     * its last entry and indented like it.
     *
     * @throws IllegalArgumentException when there is no block mapping with entries at {@code path}, or
     *                                  it has {@code key} already
     */
    public void add(List<String> path, String key, double value, String comment) {
        List<String> names = keys(path);
        if (names.isEmpty() || names.contains(key) || !added.add(append(path, key))) {
            throw new IllegalArgumentException("cannot add " + key + " under " + String.join(".", path));
        }
        Scalar last = scalars.get(append(path, names.get(names.size() - 1)));
        if (last == null) {
            throw new IllegalArgumentException("the last entry under " + String.join(".", path) + " is not a number");
        }
        int lineStart = text.lastIndexOf('\n', last.start()) + 1;
        int lineEnd = text.indexOf('\n', last.end());
        lineEnd = lineEnd < 0 ? text.length() : lineEnd;
        String line = text.substring(lineStart, last.start());
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        if (line.contains("{")) {
            throw new IllegalArgumentException("the entries under " + String.join(".", path) + " are in flow style");
        }
        edits.add(new Edit(lineEnd, lineEnd, "\n" + indent + key + ": " + format(value) + "  # " + comment));
    }

    /** How a comment written by {@link #set} starts, so that a second calibration replaces it. */
    static final String CALIBRATED = "calibrated";
    private static final String SEPARATOR = "; before: ";

    private static String keptAfterCalibration(String old) {
        int at = old.indexOf(SEPARATOR);
        return at < 0 ? "" : old.substring(at + SEPARATOR.length());
    }

    /** Numbers as a rule author writes them: at most 4 significant decimals, no trailing zeros. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        String text = value >= 1 ? String.format(Locale.ROOT, "%.2f", value)
                : new java.math.BigDecimal(value).round(new java.math.MathContext(3)).toPlainString();
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text;
    }

    /** The file's text with every {@link #set} and {@link #add} applied; lines added under one mapping in the order added. */
    public String text() {
        StringBuilder out = new StringBuilder(text);
        // From the end of the file back, so that each edit's offsets still hold. Of two edits at one place
        // (two lines added under one mapping) the later goes in first, so the earlier ends up above it.
        List<Edit> ordered = new ArrayList<>(edits);
        Collections.reverse(ordered);
        ordered.sort(Comparator.comparingInt(Edit::start).reversed());
        ordered.forEach(edit -> out.replace(edit.start(), edit.end(), edit.replacement()));
        return out.toString();
    }
}
