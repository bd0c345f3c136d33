package io.streamfix.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an already-parsed map (from JSON, say, or built in code) into the same tree of nodes that YAML
 * text gives, without locations, so that one validator serves both.
 */
final class MapTreeConverter {

    private final Problems problems;
    private final InputLimits limits;

    private MapTreeConverter(Problems problems, InputLimits limits) {
        this.problems = problems;
        this.limits = limits;
    }

    /**
     * The tree for {@code map}; values nested too deeply (a map that contains itself) and text values
     * that are too long are reported.
     */
    static Node convert(Map<?, ?> map, Problems problems, InputLimits limits) {
        return new MapTreeConverter(problems, limits).node(map, FieldPath.ROOT, 0);
    }

    private Node node(Object value, String path, int depth) {
        Node.Location at = Node.Location.UNKNOWN;
        if (depth > limits.maxDepth()) {
            // Guards against maps that contain themselves, which would otherwise overflow the stack.
            problems.add(at, path, "nested too deeply (at most " + limits.maxDepth() + " levels)");
            return new Node.Scalar(at, Node.Kind.NULL, "");
        }
        if (value == null) {
            return new Node.Scalar(at, Node.Kind.NULL, "");
        }
        if (value instanceof Map<?, ?> map) {
            List<Node.Entry> entries = new ArrayList<>();
            map.forEach((key, item) -> {
                String name = String.valueOf(key);
                if (name.length() > limits.maxStringLength()) {
                    // As in YAML: reported at the mapping's path, the key being too long to print as one.
                    problems.add(at, path, "a key is too long (" + name.length() + " characters; at most "
                            + limits.maxStringLength() + ")");
                    return;
                }
                entries.add(new Node.Entry(name, at, node(item, FieldPath.child(path, name), depth + 1)));
            });
            return new Node.Mapping(at, entries);
        }
        if (value instanceof Collection<?> collection) {
            List<Node> items = new ArrayList<>();
            for (Object item : collection) {
                items.add(node(item, FieldPath.item(path, items.size()), depth + 1));
            }
            return new Node.Sequence(at, items);
        }
        if (value instanceof Boolean) {
            return new Node.Scalar(at, Node.Kind.BOOLEAN, value.toString());
        }
        if (value instanceof Number) {
            return new Node.Scalar(at, Node.Kind.NUMBER, value.toString());
        }
        if (value instanceof CharSequence text) {
            if (text.length() > limits.maxStringLength()) {
                problems.add(at, path, "the value is too long (" + text.length() + " characters; at most "
                        + limits.maxStringLength() + ")");
                return new Node.Scalar(at, Node.Kind.NULL, "");
            }
            return new Node.Scalar(at, Node.Kind.STRING, text.toString());
        }
        if (value instanceof Enum<?> constant) {
            // A model enum put in by code (DnsMode.MANUAL) means what its YAML name (manual) means.
            return new Node.Scalar(at, Node.Kind.STRING, constant.name().toLowerCase(Locale.ROOT));
        }
        return new Node.Scalar(at, Node.Kind.OTHER, "a " + value.getClass().getSimpleName());
    }
}
