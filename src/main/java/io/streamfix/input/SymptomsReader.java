package io.streamfix.input;

import io.streamfix.output.Printable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads symptom files (YAML) into {@link SymptomCase}s, checking them against what the loaded rules
 * know. Every problem of a file is reported at once, each with its line, column, field path, what was
 * expected and, when there is one, a close match:
 *
 * <pre>{@code
 * SymptomsReader reader = new SymptomsReader(
 *         Set.of("NSEZ-403"), Set.of("restart_network", "disable_vpn_proxy"), Set.of("vpn_or_proxy"));
 * try {
 *     SymptomCase c = reader.read(Path.of("facts/vpn.yaml"));
 *     Symptoms symptoms = c.symptoms();
 * } catch (InvalidSymptomsException e) {
 *     System.err.println(e.getMessage()); // facts/vpn.yaml:7:8: network.dns: "automatc" is not one of …
 * }
 * }</pre>
 *
 * <p>An absent field is unknown ({@code null}), which is not the same as {@code false}. The
 * {@code expect:} block, used by tests, is checked and returned as an {@link io.streamfix.model.Expectation}.
 *
 * <p>Immutable and thread-safe: one reader can serve any number of files, concurrently.
 */
public final class SymptomsReader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final SymptomsValidator.Known known;
    private final InputLimits limits;
    private final YamlTreeParser parser;

    /**
     * @param errorCodes the error codes the rules handle, e.g. {@code NSEZ-403}
     * @param fixIds     the fix ids the rules know: checked in {@code tried[].fix}, {@code expect.next_fix}
     *                   and {@code expect.not_in_plan}
     * @param causeIds   the cause ids the rules know: checked in {@code expect.top_cause}
     */
    public SymptomsReader(Set<String> errorCodes, Set<String> fixIds, Set<String> causeIds) {
        this(new SymptomsValidator.Known(sorted(errorCodes), sorted(fixIds), sorted(causeIds)), InputLimits.DEFAULT);
    }

    private SymptomsReader(SymptomsValidator.Known known, InputLimits limits) {
        this.known = known;
        this.limits = limits;
        this.parser = new YamlTreeParser(limits);
    }

    /** A reader like this one with other limits (the default is {@link InputLimits#DEFAULT}). */
    public SymptomsReader withLimits(InputLimits limits) {
        return new SymptomsReader(known, Objects.requireNonNull(limits, "limits"));
    }

    /** The limits this reader enforces. */
    public InputLimits limits() {
        return limits;
    }

    private static SortedSet<String> sorted(Set<String> ids) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(ids)));
    }

    /**
     * Reads a symptom file (UTF-8). Problems name the file as given.
     *
     * @param file the file, e.g. {@code facts/vpn.yaml}
     * @return the case, its source being {@code file} as given
     * @throws InvalidSymptomsException when the file cannot be read or is not a valid symptom file
     */
    public SymptomCase read(Path file) {
        String source = file.toString();
        return read(source, readFile(file, source));
    }

    /**
     * Reads a symptom document from a stream, e.g. standard input ({@code streamfix diagnose -}), with
     * the same limits and checks as a file.
     *
     * @param source the name used in problems, e.g. {@code <stdin>}
     * @throws InvalidSymptomsException when the stream cannot be read or is not a valid symptom file
     */
    public SymptomCase read(String source, InputStream in) {
        Problems problems = new Problems(source);
        try {
            byte[] bytes = in.readNBytes((int) Math.min(limits.maxFileBytes(), Integer.MAX_VALUE - 16) + 1);
            if (bytes.length <= limits.maxFileBytes()) {
                return read(source, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            }
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "the input is too large (more than "
                    + limits.maxFileBytes() + " bytes; --max-input-size raises the limit)");
        } catch (CharacterCodingException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the input: it is not UTF-8 text");
        } catch (IOException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the input: " + FileFailure.reason(e));
        }
        problems.throwIfAny();
        throw new AssertionError("unreachable: a problem was reported");
    }

    /**
     * Parses symptom YAML given as text.
     *
     * @param source the name used in problems: a file name, or e.g. {@code <request>}
     * @param text   the YAML
     * @return the case
     * @throws InvalidSymptomsException when the text is not a valid symptom file
     */
    public SymptomCase read(String source, String text) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Problems problems = new Problems(source);
        // A byte order mark is legal at the start of YAML but is not content.
        String yaml = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        Node root = parser.parse(yaml, problems);
        if (root == null) {
            problems.throwIfAny();
        }
        return validate(source, root, problems);
    }

    /**
     * Checks a symptom document and gives it back as plain values, as written: mappings, lists, text,
     * booleans, null, and numbers only where the text is a JSON number. Free text stays the text that was
     * written ({@code model: 0x1F} is {@code "0x1F"}, {@code isp: 012} is {@code "012"}, {@code .inf} is
     * {@code ".inf"}), so that a round trip through another notation changes nothing. What {@link #read}
     * accepts, this accepts, under the same limits.
     *
     * @throws InvalidSymptomsException when the text is not a valid symptom document
     */
    public Map<String, Object> document(String source, String text) {
        Problems problems = new Problems(source);
        String yaml = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        Node root = parser.parse(yaml, problems);
        if (root == null) {
            problems.throwIfAny();
        }
        validate(source, root, problems);
        return root instanceof Node.Mapping mapping ? asMap(mapping) : Map.of();
    }

    private static final java.util.regex.Pattern JSON_NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

    private static Map<String, Object> asMap(Node.Mapping mapping) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        mapping.entries().forEach(entry -> map.put(entry.key(), asValue(entry.value())));
        return map;
    }

    private static Object asValue(Node node) {
        if (node instanceof Node.Mapping mapping) {
            return asMap(mapping);
        }
        if (node instanceof Node.Sequence sequence) {
            java.util.List<Object> items = new java.util.ArrayList<>();
            sequence.items().forEach(item -> items.add(asValue(item)));
            return items;
        }
        Node.Scalar scalar = (Node.Scalar) node;
        return switch (scalar.kind()) {
            case NULL -> null;
            case BOOLEAN -> Boolean.valueOf(scalar.text().equalsIgnoreCase("true"));
            case NUMBER -> JSON_NUMBER.matcher(scalar.text()).matches() ? new java.math.BigDecimal(scalar.text()) : scalar.text();
            default -> scalar.text();
        };
    }

    /**
     * Checks symptoms that are already parsed, e.g. from a JSON request: the same rules as for a file,
     * with the same field names ({@code network.vpn_active}), but problems carry no line numbers.
     *
     * @param source the name used in problems, e.g. {@code <request>}
     * @param map    the document: field names to values (maps, lists, strings, numbers, booleans, null)
     * @return the case
     * @throws InvalidSymptomsException when the map is not a valid symptom document
     */
    public SymptomCase fromMap(String source, Map<String, ?> map) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(map, "map");
        Problems problems = new Problems(source);
        return validate(source, MapTreeConverter.convert(map, problems, limits), problems);
    }

    private SymptomCase validate(String source, Node root, Problems problems) {
        refuseUnprintable(root, FieldPath.ROOT, problems);
        SymptomCase symptomCase = new SymptomsValidator(known, problems).validate(source, root);
        problems.throwIfAny();
        return symptomCase;
    }

    /**
     * Control and bidirectional characters are refused in keys and values however they were written:
     * raw (SnakeYAML refuses those itself), as a YAML escape ({@code "\x1b"}) or as a JSON one
     * ({@code "\u0000"}). They would reach a terminal, or forge a line of the text output.
     */
    private static void refuseUnprintable(Node node, String path, Problems problems) {
        if (node instanceof Node.Mapping mapping) {
            for (Node.Entry entry : mapping.entries()) {
                if (Printable.needsEscaping(entry.key())) {
                    problems.add(entry.keyLocation(), path, "the key \"" + Printable.escape(entry.key())
                            + "\" holds control or bidirectional characters, which are not allowed");
                } else {
                    refuseUnprintable(entry.value(), FieldPath.child(path, entry.key()), problems);
                }
            }
        } else if (node instanceof Node.Sequence sequence) {
            for (int i = 0; i < sequence.items().size(); i++) {
                refuseUnprintable(sequence.items().get(i), FieldPath.item(path, i), problems);
            }
        } else if (node instanceof Node.Scalar scalar && Printable.needsEscaping(scalar.text())) {
            problems.add(scalar.location(), path, "\"" + Printable.escape(scalar.text())
                    + "\" holds control or bidirectional characters, which are not allowed");
        }
    }

    /** The file's text; a file that cannot be read is reported in plain words, without a stack trace. */
    private String readFile(Path file, String source) {
        Problems problems = new Problems(source);
        try {
            if (Files.isDirectory(file)) {
                problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the file: it is a directory");
            } else if (Files.size(file) > limits.maxFileBytes()) {
                // Checked before reading: a huge file costs nothing to refuse.
                problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "the file is too large (" + Files.size(file)
                        + " bytes; at most " + limits.maxFileBytes() + "; --max-input-size raises the limit)");
            } else {
                // The size above can be wrong: a device or a pipe (/dev/zero, <(...)) reports 0, and a file
                // can grow after the check. So the read itself stops one byte past the limit.
                byte[] bytes = readAtMost(file, limits.maxFileBytes());
                if (bytes.length <= limits.maxFileBytes()) {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                }
                problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "the file is too large (more than "
                        + limits.maxFileBytes() + " bytes; --max-input-size raises the limit)");
            }
        } catch (NoSuchFileException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the file: it does not exist");
        } catch (AccessDeniedException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the file: permission denied");
        } catch (CharacterCodingException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the file: it is not UTF-8 text");
        } catch (IOException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the file: " + FileFailure.reason(e));
        } catch (SecurityException e) {
            problems.add(Node.Location.UNKNOWN, FieldPath.ROOT, "cannot read the file: permission denied");
        }
        problems.throwIfAny();
        throw new AssertionError("unreachable: a problem was reported");
    }

    /** The file's first {@code limit + 1} bytes at most, so that a longer file shows as longer than the limit. */
    private static byte[] readAtMost(Path file, long limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // Arrays hold at most about Integer.MAX_VALUE bytes; no symptom file comes near.
            return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16) + 1);
        }
    }
}
