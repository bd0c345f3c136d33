package io.streamfix.input;

import io.streamfix.model.ConnectionQuality;
import io.streamfix.model.Device;
import io.streamfix.model.DeviceType;
import io.streamfix.model.DnsMode;
import io.streamfix.model.Expectation;
import io.streamfix.model.FixResult;
import io.streamfix.model.Network;
import io.streamfix.model.Observations;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The schema of a symptom file, applied to a located tree: checks every key and value, turns them into
 * the model's records and reports each problem with its field path and, where there is one, a close
 * match. It goes on after a problem, so that one run reports all of them.
 *
 * <p>Not thread-safe: one instance reads one input.
 */
final class SymptomsValidator {

    /** What the loaded rules know: the ids that symptom files may name. Sorted, for stable messages. */
    record Known(SortedSet<String> errorCodes, SortedSet<String> fixIds, SortedSet<String> causeIds) {
    }

    // The fields of each section, in the order the documentation lists them.
    private static final List<String> ROOT_FIELDS =
            List.of("error_code", "device", "network", "observations", "tried", "expect");
    private static final List<String> DEVICE_FIELDS =
            List.of("type", "model", "app_up_to_date", "system_up_to_date");
    private static final List<String> NETWORK_FIELDS = List.of("vpn_active", "proxy_active", "smart_dns_active",
            "router_vpn", "dns", "connection", "isp");
    private static final List<String> OBSERVATION_FIELDS =
            List.of("other_devices_affected", "works_on_other_network", "netflix_outage");
    private static final List<String> TRIED_FIELDS = List.of("fix", "result", "minutes");
    private static final List<String> EXPECT_FIELDS = List.of("status", "top_cause", "next_fix", "not_in_plan");

    /** Where each field belongs, to answer a key written in the wrong section with "belongs under …". */
    private static final Map<String, List<String>> SECTIONS = Map.of(
            "device", DEVICE_FIELDS, "network", NETWORK_FIELDS, "observations", OBSERVATION_FIELDS,
            "expect", EXPECT_FIELDS);

    /** YAML 1.1 booleans: other tools read them as booleans, Jackson and YAML 1.2 as text. */
    private static final List<String> BOOLEAN_LIKE_WORDS = List.of("yes", "no", "y", "n", "on", "off");

    private static final int MAX_QUOTED_LENGTH = 60;

    /** What a free-text field expects. */
    private static final String TEXT = "text";

    private final Known known;
    private final Problems problems;

    SymptomsValidator(Known known, Problems problems) {
        this.known = known;
        this.problems = problems;
    }

    /** Reads the whole document; whatever is wrong ends up in the problems, and is read as unknown. */
    SymptomCase validate(String source, Node root) {
        Section document = null;
        if (isNull(root)) {
            problems.add(root.location(), FieldPath.ROOT,
                    "the document is empty; expected a mapping of fields (" + String.join(", ", ROOT_FIELDS) + ")");
        } else {
            document = section(root, FieldPath.ROOT, ROOT_FIELDS);
        }
        if (document == null) {
            return new SymptomCase(source, new Symptoms(null, null, null, null, null), null);
        }
        Symptoms symptoms = new Symptoms(
                errorCode(document.get("error_code"), document.path("error_code")),
                device(document.get("device")),
                network(document.get("network")),
                observations(document.get("observations")),
                tried(document.get("tried")));
        return new SymptomCase(source, symptoms, expectation(document.get("expect")));
    }

    private Device device(Node node) {
        Section device = section(node, "device", DEVICE_FIELDS);
        if (device == null) {
            return null;
        }
        return new Device(
                choice(device, "type", DeviceType.class),
                text(device.get("model"), device.path("model")),
                bool(device, "app_up_to_date"),
                bool(device, "system_up_to_date"));
    }

    private Network network(Node node) {
        Section network = section(node, "network", NETWORK_FIELDS);
        if (network == null) {
            return null;
        }
        return new Network(
                bool(network, "vpn_active"),
                bool(network, "proxy_active"),
                bool(network, "smart_dns_active"),
                bool(network, "router_vpn"),
                choice(network, "dns", DnsMode.class),
                choice(network, "connection", ConnectionQuality.class),
                text(network.get("isp"), network.path("isp")));
    }

    private Observations observations(Node node) {
        Section observations = section(node, "observations", OBSERVATION_FIELDS);
        if (observations == null) {
            return null;
        }
        return new Observations(
                bool(observations, "other_devices_affected"),
                bool(observations, "works_on_other_network"),
                bool(observations, "netflix_outage"));
    }

    private List<TriedFix> tried(Node node) {
        String path = "tried";
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof Node.Sequence list)) {
            unexpected(node, path, "a list of tried fixes, each with fix and result");
            return List.of();
        }
        List<TriedFix> tried = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            TriedFix fix = triedFix(list.items().get(i), FieldPath.item(path, i));
            if (fix != null) {
                tried.add(fix); // the same fix twice is fine: people retry
            }
        }
        return tried;
    }

    private TriedFix triedFix(Node node, String path) {
        if (!(node instanceof Node.Mapping)) {
            unexpected(node, path, "a mapping with fix and result");
            return null;
        }
        Section item = section(node, path, TRIED_FIELDS);
        boolean complete = present(item, "fix") & present(item, "result"); // & to report both when both are missing
        if (!complete) {
            return null;
        }
        String fix = knownId(item.get("fix"), item.path("fix"), known.fixIds(), "fix", false);
        FixResult result = choice(item, "result", FixResult.class);
        Double minutes = minutes(item.get("minutes"), item.path("minutes"));
        return fix == null || result == null ? null : new TriedFix(fix, result, minutes);
    }

    /** Largest duration accepted for one attempt: a week. More is a typo (seconds, or a timestamp). */
    static final double MAX_MINUTES = 7 * 24 * 60;

    /** How long an attempt took: a number of minutes, 0 to {@link #MAX_MINUTES}; absent is unknown. */
    private Double minutes(Node node, String path) {
        String expected = "a number of minutes (0 to " + (long) MAX_MINUTES + ")";
        Node.Scalar scalar = scalar(node, path, expected);
        if (scalar == null) {
            return null;
        }
        if (scalar.kind() != Node.Kind.NUMBER) {
            String hint = scalar.kind() == Node.Kind.STRING && parsesAsNumber(scalar.text())
                    ? " — remove the quotes" : scalar.kind() == Node.Kind.STRING ? " — write the number alone, e.g. 5" : "";
            problems.add(scalar.location(), path, "expected " + expected + ", got " + describe(scalar) + hint);
            return null;
        }
        double minutes;
        try {
            minutes = Double.parseDouble(scalar.text());
        } catch (NumberFormatException e) { // YAML numbers such as 0x1F or .inf
            problems.add(scalar.location(), path, "expected " + expected + ", got " + scalar.text());
            return null;
        }
        if (!(minutes >= 0 && minutes <= MAX_MINUTES)) {
            problems.add(scalar.location(), path, "expected " + expected + ", got " + scalar.text()
                    + (minutes < 0 ? " — a duration cannot be negative" : " — is it in seconds? write minutes"));
            return null;
        }
        return minutes;
    }

    private static boolean parsesAsNumber(String text) {
        try {
            Double.parseDouble(text.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a required field has a value; reports it as missing otherwise. */
    private boolean present(Section section, String key) {
        if (!isNull(section.get(key))) {
            return true;
        }
        problems.add(section.keyLocation(key), section.path(key),
                "missing — each tried fix needs both fix and result");
        return false;
    }

    private Expectation expectation(Node node) {
        Section expect = section(node, "expect", EXPECT_FIELDS);
        if (expect == null) {
            return null;
        }
        return new Expectation(
                choice(expect, "status", Status.class),
                knownId(expect.get("top_cause"), expect.path("top_cause"), known.causeIds(), "cause", true),
                knownId(expect.get("next_fix"), expect.path("next_fix"), known.fixIds(), "fix", true),
                fixIdList(expect.get("not_in_plan"), expect.path("not_in_plan")));
    }

    private List<String> fixIdList(Node node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof Node.Sequence list)) {
            unexpected(node, path, "a list of fix ids");
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String itemPath = FieldPath.item(path, i);
            if (isNull(item)) {
                unexpected(item, itemPath, "a fix id");
                continue;
            }
            String id = knownId(item, itemPath, known.fixIds(), "fix", false);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    // ---- values ----

    private String errorCode(Node node, String path) {
        Node.Scalar scalar = scalar(node, path, "an error code such as " + String.join(", ", known.errorCodes()));
        if (scalar == null) {
            return null;
        }
        String code = scalar.text();
        if (known.errorCodes().contains(code)) {
            return code;
        }
        // Only a difference in spelling is suggested: NSEZ-404 is another error, not a typo of NSEZ-403.
        Optional<String> same = Suggestions.sameSpelling(code, known.errorCodes());
        problems.add(scalar.location(), path, quote(code) + " is not known to the rules"
                + same.map(s -> " — did you mean " + s + "?")
                        .orElse("; known codes: " + String.join(", ", known.errorCodes())));
        return null;
    }

    /**
     * A fix or cause id the rules know. {@code noneAllowed}: {@code none} may be written for "no fix" or
     * "no cause", as in the {@code expect} block.
     */
    private String knownId(Node node, String path, SortedSet<String> ids, String kind, boolean noneAllowed) {
        Node.Scalar scalar = scalar(node, path, "a " + kind + " id");
        if (scalar == null) {
            return null;
        }
        String id = scalar.text();
        if (ids.contains(id) || (noneAllowed && id.equals(Expectation.NONE))) {
            return id;
        }
        List<String> candidates = new ArrayList<>(ids);
        if (noneAllowed) {
            candidates.add(Expectation.NONE);
        }
        problems.add(scalar.location(), path, quote(id) + " is not a " + kind + " known to the rules"
                + Suggestions.closest(id, candidates).map(s -> " — did you mean " + s + "?")
                        .orElse("; known " + plural(kind) + ": " + String.join(", ", candidates)));
        return null;
    }

    private <E extends Enum<E>> E choice(Section section, String key, Class<E> type) {
        if (isNull(section.get(key))) {
            return null; // unknown; checked first because most fields of most cases are unknown
        }
        Map<String, E> byName = new LinkedHashMap<>();
        for (E constant : type.getEnumConstants()) {
            byName.put(constant.name().toLowerCase(Locale.ROOT), constant);
        }
        String allowed = String.join(", ", byName.keySet());
        String path = section.path(key);
        Node.Scalar scalar = scalar(section.get(key), path, "one of " + allowed);
        if (scalar == null) {
            return null;
        }
        E value = byName.get(scalar.text());
        if (value == null) {
            problems.add(scalar.location(), path, quote(scalar.text()) + " is not one of " + allowed
                    + Suggestions.closest(scalar.text(), byName.keySet()).map(s -> " — did you mean " + s + "?")
                            .orElse(""));
        }
        return value;
    }

    private Boolean bool(Section section, String key) {
        if (isNull(section.get(key))) {
            return null;
        }
        String path = section.path(key);
        Node.Scalar scalar = scalar(section.get(key), path, "true or false");
        if (scalar == null) {
            return null;
        }
        String text = scalar.text();
        String lower = text.toLowerCase(Locale.ROOT);
        switch (scalar.kind()) {
            case BOOLEAN -> {
                return Boolean.parseBoolean(text);
            }
            case STRING -> {
                if (lower.equals("true") || lower.equals("false")) {
                    // Only a quoted (or !!str) true reaches here as text: unquoted it is a boolean.
                    problems.add(scalar.location(), path,
                            "expected true or false, got the text " + quote(text) + " — remove the quotes");
                } else if (BOOLEAN_LIKE_WORDS.contains(lower)) {
                    problems.add(scalar.location(), path, "expected true or false, got " + quote(text)
                            + " — write true or false (yes/no and on/off are not booleans here)");
                } else {
                    problems.add(scalar.location(), path, "expected true or false, got " + describe(scalar));
                }
                return null;
            }
            default -> {
                problems.add(scalar.location(), path, "expected true or false, got " + describe(scalar));
                return null;
            }
        }
    }

    /** Free text: a string, or any plain scalar (a number, say) taken as written. Blank means unknown. */
    private String text(Node node, String path) {
        Node.Scalar scalar = scalar(node, path, TEXT);
        return scalar == null || scalar.text().isBlank() ? null : scalar.text();
    }

    /**
     * The node as a usable scalar, or {@code null} when it is absent, null, or not a plain value (then
     * reported, saying that {@code expected} was expected).
     */
    private Node.Scalar scalar(Node node, String path, String expected) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.Kind.NUMBER && beyondDouble(scalar.text())) {
            // Read as a number it would be infinity, and written back "Infinity": refused where it stands.
            problems.add(scalar.location(), path, "expected " + expected + ", got " + scalar.text()
                    + ", a number too large to read (numbers go up to about 1.8e308)"
                    + (expected.equals(TEXT) ? " — if it is text, write it in quotes: \"" + scalar.text() + "\"" : ""));
            return null;
        }
        if (node instanceof Node.Scalar scalar
                && scalar.kind() != Node.Kind.ALIAS && scalar.kind() != Node.Kind.OTHER) {
            return scalar;
        }
        unexpected(node, path, expected);
        return null;
    }

    /** Whether a number is written past what a number holds: {@code 1e400} (not {@code .inf}, which says infinity). */
    static boolean beyondDouble(String number) {
        if (number.toLowerCase(Locale.ROOT).contains("inf")) {
            return false;
        }
        try {
            return Double.isInfinite(Double.parseDouble(number.replace("_", "")));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- sections ----

    /**
     * The node as a section with the given fields, or {@code null} when absent, null or not a mapping
     * (then reported). Unknown keys are reported here.
     */
    private Section section(Node node, String path, List<String> fields) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof Node.Mapping mapping)) {
            unexpected(node, path, "a mapping of fields (" + String.join(", ", fields) + ")");
            return null;
        }
        Section section = new Section(mapping, path);
        for (Node.Entry entry : mapping.entries()) {
            if (fields.contains(entry.key())) {
                section.entries.put(entry.key(), entry);
            } else {
                problems.add(entry.keyLocation(), section.path(entry.key()), unknownField(entry.key(), path, fields));
            }
        }
        return section;
    }

    private static String unknownField(String key, String sectionPath, List<String> fields) {
        Optional<String> close = Suggestions.closest(key, fields);
        if (close.isPresent()) {
            return "unknown field — did you mean " + close.get() + "?";
        }
        for (Map.Entry<String, List<String>> other : SECTIONS.entrySet()) {
            if (!other.getKey().equals(sectionPath) && other.getValue().contains(key)) {
                return "unknown field here — " + key + " belongs under " + other.getKey();
            }
        }
        return "unknown field; known fields: " + String.join(", ", fields);
    }

    /** The known entries of one mapping, by key. */
    private static final class Section {
        private final Node.Mapping mapping;
        private final String path;
        private final Map<String, Node.Entry> entries = new HashMap<>();

        Section(Node.Mapping mapping, String path) {
            this.mapping = mapping;
            this.path = path;
        }

        /** The value of a field, or {@code null} when the field is absent. */
        Node get(String key) {
            Node.Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        String path(String key) {
            return FieldPath.child(path, key);
        }

        /** Where the key is written, or where the mapping starts when it is not. */
        Node.Location keyLocation(String key) {
            Node.Entry entry = entries.get(key);
            return entry == null ? mapping.location() : entry.keyLocation();
        }
    }

    // ---- messages ----

    /** Reports a value of the wrong shape; an alias gets its own message, whatever was expected. */
    private void unexpected(Node node, String path, String expected) {
        if (node instanceof Node.Scalar scalar && scalar.kind() == Node.Kind.ALIAS) {
            problems.add(node.location(), path,
                    "aliases (*" + scalar.text() + ") are not supported — write the value out in full");
        } else {
            problems.add(node.location(), path, "expected " + expected + ", got " + describe(node));
        }
    }

    private static boolean isNull(Node node) {
        return node == null || node instanceof Node.Scalar scalar && scalar.kind() == Node.Kind.NULL;
    }

    /** What a value is, for "got …": {@code a list}, {@code 12}, {@code "maybe"}. */
    private static String describe(Node node) {
        if (node instanceof Node.Mapping) {
            return "a mapping";
        }
        if (node instanceof Node.Sequence) {
            return "a list";
        }
        Node.Scalar scalar = (Node.Scalar) node;
        return switch (scalar.kind()) {
            case NULL -> "nothing";
            case BOOLEAN, NUMBER, OTHER -> scalar.text();
            case STRING -> quote(scalar.text());
            case ALIAS -> "an alias (*" + scalar.text() + ")";
        };
    }

    /** The text in double quotes, shortened and with control characters escaped, so one problem is one line. */
    static String quote(String text) {
        String shown = text.length() > MAX_QUOTED_LENGTH ? text.substring(0, MAX_QUOTED_LENGTH) + "…" : text;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static String plural(String kind) {
        return kind.endsWith("x") ? kind + "es" : kind + "s";
    }
}
