package io.streamfix.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Parses YAML text into a tree of {@link Node}s that remember their line and column, using Jackson's
 * streaming YAML parser. Reports syntax errors, duplicate keys, aliases and documents that are too big
 * or too deep; everything about the meaning of the values is left to {@link SymptomsValidator}.
 *
 * <p>Thread-safe: the factory is configured once and each call uses its own parser.
 */
final class YamlTreeParser {

    /** Tags of YAML's core schema: they only restate a plain value's type, so they are harmless. */
    private static final java.util.Set<String> CORE_TAGS = java.util.Set.of(
            "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq",
            "str", "int", "float", "bool", "null", "map", "seq");

    private final InputLimits limits;
    private final YAMLFactory factory;

    /** A parser for documents within {@code limits}; thread-safe, each call uses a parser of its own. */
    YamlTreeParser(InputLimits limits) {
        this.limits = limits;
        this.factory = createFactory(limits);
    }

    private static YAMLFactory createFactory(InputLimits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(limits.maxCodePoints()); // enforced by SnakeYAML's reader, under Jackson too
        // The next three are enforced by SnakeYAML's Composer, which Jackson's event-based parser does
        // not use; they are set to state the intent. Depth is enforced by the StreamReadConstraints
        // below, duplicate keys, aliases and tags by this class.
        options.setNestingDepthLimit(limits.maxDepth());
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                // Duplicate keys are found by this class, which can say where the first one is.
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
                // yes/no/on/off are booleans in YAML 1.1 only; as text they can be rejected with a hint.
                .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
                // "key:" with nothing after it means unknown (null), not the empty string.
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
    }

    /**
     * Parses {@code text}. Returns the root node (a null scalar for an empty document), or {@code null}
     * when the text is not YAML that can be used at all; the reasons are added to {@code problems}.
     * Never throws a Jackson or SnakeYAML exception.
     */
    Node parse(String text, Problems problems) {
        try (YAMLParser parser = factory.createParser(text)) {
            Walk walk = new Walk(parser, problems);
            try {
                return walk.document();
            } catch (IOException | RuntimeException e) {
                walk.report(e, text);
                return null;
            }
        } catch (IOException e) {
            // Creating or closing a parser over a String does no I/O; this is not expected to happen.
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot parse the YAML: " + e.getMessage());
            return null;
        }
    }

    /** The longest plain key YAML allows: past it, a key is read as a value and its colon is a syntax error. */
    private static final int PLAIN_KEY_LIMIT = 1024;

    /** One walk over one document's tokens, building the tree. */
    private final class Walk {
        private final YAMLParser parser;
        private final Problems problems;
        /** The last text longer than {@link #PLAIN_KEY_LIMIT}, and its "too long" problem if it had one. */
        private Node.Location longTextAt;
        private String longTextPath;
        private int longTextLength;
        private InputProblem longTextProblem;

        private Walk(YAMLParser parser, Problems problems) {
            this.parser = parser;
            this.problems = problems;
        }

        private Node document() throws IOException {
            JsonToken first = parser.nextToken();
            if (first == null) {
                // No document at all (an empty file, or only comments).
                return new Node.Scalar(Node.Location.UNKNOWN, Node.Kind.NULL, "");
            }
            Node root = value(first, FieldPath.ROOT);
            if (parser.nextToken() != null) {
                problems.add(here(), FieldPath.ROOT,
                        "only one YAML document is allowed in a file; a second one starts here");
            }
            return root;
        }

        private Node value(JsonToken token, String path) throws IOException {
            Node.Location at = here();
            if (token == null) {
                // Only at a truncated end of input, which SnakeYAML reports first; be safe anyway.
                return new Node.Scalar(at, Node.Kind.NULL, "");
            }
            String tag = parser.getTypeId();
            if (tag != null && !CORE_TAGS.contains(tag)) {
                // A tag asks a YAML library to build an object of that type; streamfix builds none.
                problems.add(at, path, "YAML tags such as " + asWritten(tag) + " are not allowed: write plain values");
                parser.skipChildren(); // one problem for the value: its content is not looked at
                return new Node.Scalar(at, Node.Kind.NULL, "");
            }
            if (token == JsonToken.VALUE_STRING && parser.getTextLength() > PLAIN_KEY_LIMIT) {
                longTextAt = at;
                longTextPath = path;
                longTextLength = parser.getTextLength();
                longTextProblem = null;
            }
            if (token == JsonToken.VALUE_STRING && parser.getTextLength() > limits.maxStringLength()) {
                InputProblem tooLong = problems.add(at, path, "the value is too long (" + parser.getTextLength()
                        + " characters; at most " + limits.maxStringLength() + ")");
                if (at.equals(longTextAt)) {
                    longTextProblem = tooLong;
                }
                return new Node.Scalar(at, Node.Kind.NULL, "");
            }
            return switch (token) {
                case START_OBJECT -> mapping(at, path);
                case START_ARRAY -> sequence(at, path);
                case VALUE_NULL -> new Node.Scalar(at, Node.Kind.NULL, "");
                case VALUE_TRUE, VALUE_FALSE -> new Node.Scalar(at, Node.Kind.BOOLEAN, parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node.Scalar(at, Node.Kind.NUMBER, parser.getText());
                // Jackson does not expand aliases: it hands over the anchor's name as a string.
                case VALUE_STRING -> new Node.Scalar(at,
                        parser.isCurrentAlias() ? Node.Kind.ALIAS : Node.Kind.STRING, parser.getText());
                default -> new Node.Scalar(at, Node.Kind.OTHER, "a binary or tagged value");
            };
        }

        private Node mapping(Node.Location at, String path) throws IOException {
            List<Node.Entry> entries = new ArrayList<>();
            Map<String, Node.Location> firstSeen = new HashMap<>();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String key = parser.currentName();
                Node.Location keyAt = here();
                if (key.length() > limits.maxStringLength()) {
                    // Reported at the mapping's path: the key itself is too long to print as a path.
                    problems.add(keyAt, path, "a key is too long (" + key.length() + " characters; at most "
                            + limits.maxStringLength() + ")");
                    parser.nextToken();
                    parser.skipChildren();
                    continue;
                }
                String keyPath = FieldPath.child(path, key);
                Node value = value(parser.nextToken(), keyPath);
                Node.Location first = firstSeen.putIfAbsent(key, keyAt);
                if (first == null) {
                    entries.add(new Node.Entry(key, keyAt, value));
                } else {
                    // Keep the first value: which one a YAML library would keep differs between libraries.
                    problems.add(keyAt, keyPath, "duplicate key \"" + key + "\" (first at line " + first.line() + ")");
                }
            }
            return new Node.Mapping(at, entries);
        }

        private Node sequence(Node.Location at, String path) throws IOException {
            List<Node> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
                    token = parser.nextToken()) {
                items.add(value(token, FieldPath.item(path, items.size())));
            }
            return new Node.Sequence(at, items);
        }

        private Node.Location here() {
            return location(parser.currentTokenLocation());
        }

        private static Node.Location location(JsonLocation location) {
            if (location == null) {
                return Node.Location.UNKNOWN;
            }
            return new Node.Location(Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr()));
        }

        /** Turns a parser exception into a problem with a short reason and no stack trace. */
        private void report(Exception e, String text) {
            ReaderException unprintable = causeOfType(e, ReaderException.class);
            if (unprintable != null) {
                // SnakeYAML checks characters a chunk ahead of the tokens, so its position is the only
                // reliable place: a NUL or control character, typically a binary file that decodes as UTF-8.
                problems.add(locate(text, unprintable.getPosition()), FieldPath.ROOT, String.format(
                        "the character U+%04X is not allowed in a YAML file (control characters such as NUL "
                                + "mean binary data, not text)", unprintable.getCodePoint()));
                return;
            }
            MarkedYAMLException syntax = causeOfType(e, MarkedYAMLException.class);
            if (syntax != null) {
                Mark mark = syntax.getProblemMark() != null ? syntax.getProblemMark() : syntax.getContextMark();
                Node.Location at = mark == null ? here() : new Node.Location(mark.getLine() + 1, mark.getColumn() + 1);
                if (longTextAt != null && at.line() == longTextAt.line()) {
                    // A plain key past YAML's limit: SnakeYAML read it as a value, and stumbled on its colon.
                    // One problem says so, where a "value too long" and a syntax error would both mislead.
                    if (longTextProblem != null) {
                        problems.remove(longTextProblem);
                    }
                    problems.add(longTextAt, longTextPath, "a key is too long (" + longTextLength + " characters; at most "
                            + Math.min(limits.maxStringLength(), PLAIN_KEY_LIMIT) + ")");
                    return;
                }
                problems.add(at, FieldPath.ROOT, "YAML syntax error: " + syntaxReason(syntax));
                return;
            }
            if (e instanceof StreamConstraintsException) {
                problems.add(currentLocation(), FieldPath.ROOT,
                        "the document is nested too deeply (at most " + limits.maxDepth() + " levels)");
                return;
            }
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            Node.Location at = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? location(json.getLocation()) : currentLocation();
            if (reason != null && reason.contains("exceeds the limit")) {
                problems.add(Node.Location.UNKNOWN, FieldPath.ROOT,
                        "the document is too large (at most " + limits.maxCodePoints() + " characters)");
            } else if (e instanceof JsonParseException && reason != null && reason.startsWith("Expected a field name")) {
                problems.add(at, FieldPath.ROOT, "YAML syntax error: a key must be a plain value, not a list or mapping");
            } else {
                problems.add(at, FieldPath.ROOT, "cannot parse the YAML: " + firstLine(reason));
            }
        }

        private Node.Location currentLocation() {
            return location(parser.currentLocation());
        }

    }

    /** A tag as the author wrote it: Jackson hands over {@code !!x} as {@code tag:yaml.org,2002:x}, {@code !x} as {@code x}. */
    private static String asWritten(String tag) {
        String global = "tag:yaml.org,2002:";
        return tag.startsWith(global) ? "!!" + tag.substring(global.length()) : tag.startsWith("!") ? tag : "!" + tag;
    }

    /** The line and column of the code point at {@code index} in {@code text} (both 1-based). */
    private static Node.Location locate(String text, int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Node.Location(line, column);
    }

    /** SnakeYAML's own words, on one line: "mapping values are not allowed here". */
    private static String syntaxReason(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : firstLine(e.getProblem());
        Mark context = e.getContextMark();
        if (e.getContext() == null || context == null) {
            return problem;
        }
        return problem + " (" + firstLine(e.getContext()) + " that starts at line " + (context.getLine() + 1)
                + ", column " + (context.getColumn() + 1) + ")";
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "unknown reason";
        }
        return text.strip().lines().findFirst().orElse(text).strip();
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
