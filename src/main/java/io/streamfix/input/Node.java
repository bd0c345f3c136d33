package io.streamfix.input;

import java.util.List;

/**
 * A YAML (or map) value together with where it was written, so that a problem found while validating
 * can point at the line and column of the offending key or value. Jackson's own tree ({@code JsonNode})
 * forgets locations, which is why the reader builds this small tree instead.
 */
sealed interface Node permits Node.Mapping, Node.Sequence, Node.Scalar {

    /** Where the value starts; {@link Location#UNKNOWN} for input given as a map. */
    Location location();

    /** A 1-based line and column; 0 when unknown. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    /** A key and its value. The key keeps its own location: unknown or duplicate keys point there. */
    record Entry(String key, Location keyLocation, Node value) {
    }

    /** A mapping, its entries in document order (duplicates already dropped). */
    record Mapping(Location location, List<Entry> entries) implements Node {
        public Mapping {
            entries = List.copyOf(entries);
        }
    }

    /** A list. */
    record Sequence(Location location, List<Node> items) implements Node {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /**
     * A single value. {@code text} is the value as written ({@code "12"}, {@code "true"}); for
     * {@link Kind#ALIAS} the anchor name; for {@link Kind#OTHER} a description of what it is.
     */
    record Scalar(Location location, Kind kind, String text) implements Node {
    }

    /** What a scalar is, as far as the schema cares. */
    enum Kind {
        /** {@code ~}, {@code null} or nothing at all. */
        NULL,
        /** {@code true} or {@code false}, unquoted. */
        BOOLEAN,
        /** An unquoted number. */
        NUMBER,
        /** Any other text, quoted or not. */
        STRING,
        /** {@code *name}: a reference to an anchored value, which the reader does not expand. */
        ALIAS,
        /** Anything else (a {@code !!binary} value, or an unexpected Java object in a map). */
        OTHER
    }
}
