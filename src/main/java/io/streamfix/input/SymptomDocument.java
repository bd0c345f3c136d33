package io.streamfix.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.model.Device;
import io.streamfix.model.Network;
import io.streamfix.model.Observations;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Symptoms} written back as a symptom document: the same field names and values a symptom file
 * uses, as a map ({@link #toMap}) or YAML text ({@link #toYaml}) that {@link SymptomsReader} reads back
 * to the same symptoms. Unknown facts are left out, as in a file. Used to try answers to questions
 * ({@link #withAnswer}) and to save a consultation.
 *
 * <pre>{@code
 * Map<String, Object> document = SymptomDocument.toMap(symptoms);
 * Map<String, Object> withVpn = SymptomDocument.withAnswer(document, "network.vpn_active", "yes");
 * Symptoms tried = reader.fromMap("<question>", withVpn).symptoms();
 * }</pre>
 */
public final class SymptomDocument {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    /** The first line of every symptom file streamfix writes. */
    private static final String HEADER =
            "# A streamfix symptom file (see the README); diagnose it with: streamfix diagnose FILE\n";

    private SymptomDocument() {
    }

    /** The document of a case: only known facts, in the order a symptom file lists them. */
    public static Map<String, Object> toMap(Symptoms symptoms) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("error_code", symptoms.errorCode());
        Device device = symptoms.device();
        putSection(document, "device", section(
                "type", name(device.type()), "model", device.model(),
                "app_up_to_date", device.appUpToDate(), "system_up_to_date", device.systemUpToDate()));
        Network network = symptoms.network();
        putSection(document, "network", section(
                "vpn_active", network.vpnActive(), "proxy_active", network.proxyActive(),
                "smart_dns_active", network.smartDnsActive(), "router_vpn", network.routerVpn(),
                "dns", name(network.dns()), "connection", name(network.connection()), "isp", network.internetProvider()));
        Observations observations = symptoms.observations();
        putSection(document, "observations", section(
                "other_devices_affected", observations.otherDevicesAffected(),
                "works_on_other_network", observations.worksOnOtherNetwork(),
                "netflix_outage", observations.netflixOutage()));
        if (!symptoms.tried().isEmpty()) {
            List<Map<String, Object>> tried = new ArrayList<>();
            for (TriedFix fix : symptoms.tried()) {
                tried.add(section("fix", fix.fix(), "result", name(fix.result()), "minutes", minutesValue(fix.minutes())));
            }
            document.put("tried", tried);
        }
        return document;
    }

    /** The case as YAML, in the symptom file format: {@code diagnose} reads it back to the same case. */
    public static String toYaml(Symptoms symptoms) {
        return toYaml(toMap(symptoms));
    }

    /**
     * A symptom document (the map a symptom file holds, already checked) as YAML: the one way streamfix
     * writes symptom files, from a consultation or for the agent page.
     */
    public static String toYaml(Map<String, ?> document) {
        if (document.isEmpty()) {
            return HEADER + "{}\n";
        }
        try {
            return HEADER + YAML.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the document knows the fact at {@code path} (e.g. {@code network.dns}). */
    public static boolean isKnown(Map<String, Object> document, String path) {
        return answerOf(document, path) != null;
    }

    /**
     * The fact at {@code path} as a viewer would answer it ({@code yes}/{@code no} for true/false, the
     * YAML value otherwise), or {@code null} when unknown.
     */
    public static String answerOf(Map<String, Object> document, String path) {
        String[] parts = split(path);
        if (!(document.get(parts[0]) instanceof Map<?, ?> section)) {
            return null;
        }
        Object value = section.get(parts[1]);
        if (value instanceof Boolean bool) {
            return bool ? "yes" : "no";
        }
        return value == null ? null : value.toString();
    }

    /**
     * A copy of the document with a fact set to an answer: {@code yes}/{@code no} become
     * {@code true}/{@code false} for a true/false fact, any other answer is written as is (the reader
     * checks it). The document itself is not changed.
     */
    public static Map<String, Object> withAnswer(Map<String, Object> document, String path, String answer) {
        SymptomFact fact = SymptomFact.named(path)
                .orElseThrow(() -> new IllegalArgumentException("not an askable fact: " + path));
        Object value = fact.isYesNo() ? (Object) "yes".equals(answer) : answer;
        return with(document, path, value);
    }

    /**
     * A copy of the document with a free-text fact set, e.g. {@code device.model} or {@code network.isp}:
     * what the escalation checklist asks for and no question ranks.
     */
    public static Map<String, Object> withText(Map<String, Object> document, String path, String text) {
        return with(document, path, text);
    }

    /** A copy of the document with the fact at {@code path} unknown again. */
    public static Map<String, Object> without(Map<String, Object> document, String path) {
        return with(document, path, null);
    }

    /** The paths of the known facts of a document's sections ({@code device.type}, …), in order. */
    public static List<String> knownPaths(Map<String, Object> document) {
        List<String> paths = new ArrayList<>();
        for (String name : List.of("device", "network", "observations")) {
            if (document.get(name) instanceof Map<?, ?> section) {
                section.keySet().forEach(key -> paths.add(name + "." + key));
            }
        }
        return paths;
    }

    /** A copy of the document with another fix tried. */
    public static Map<String, Object> withTried(Map<String, Object> document, String fix, String result) {
        Map<String, Object> copy = copy(document);
        List<Object> tried = new ArrayList<>(document.get("tried") instanceof List<?> list ? list : List.of());
        tried.add(section("fix", fix, "result", result));
        copy.put("tried", tried);
        return copy;
    }

    /** A copy of the document without its tried fix number {@code index}. */
    public static Map<String, Object> withoutTried(Map<String, Object> document, int index) {
        Map<String, Object> copy = copy(document);
        List<Object> tried = new ArrayList<>((List<?>) document.get("tried"));
        tried.remove(index);
        if (tried.isEmpty()) {
            copy.remove("tried");
        } else {
            copy.put("tried", tried);
        }
        return copy;
    }

    private static Map<String, Object> with(Map<String, Object> document, String path, Object value) {
        String[] parts = split(path);
        Map<String, Object> copy = copy(document);
        Map<String, Object> section = new LinkedHashMap<>();
        if (document.get(parts[0]) instanceof Map<?, ?> old) {
            old.forEach((k, v) -> section.put((String) k, v));
        }
        if (value == null) {
            section.remove(parts[1]);
        } else {
            section.put(parts[1], value);
        }
        putSection(copy, parts[0], section);
        return copy;
    }

    private static Map<String, Object> copy(Map<String, Object> document) {
        return new LinkedHashMap<>(document);
    }

    private static String[] split(String path) {
        String[] parts = path.split("\\.", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a section.field path: " + path);
        }
        return parts;
    }

    private static void putSection(Map<String, Object> document, String name, Map<String, Object> section) {
        if (section.isEmpty()) {
            document.remove(name);
        } else {
            document.put(name, section);
        }
    }

    /** A mapping of the non-null values among key-value pairs, in order. */
    private static Map<String, Object> section(Object... keysAndValues) {
        Map<String, Object> section = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                section.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return section;
    }

    /** Whole minutes as an integer ({@code 5}, not {@code 5.0}), so that written files read naturally. */
    private static Number minutesValue(Double minutes) {
        if (minutes == null) {
            return null;
        }
        return minutes == Math.rint(minutes) && minutes < Long.MAX_VALUE ? (Number) minutes.longValue() : minutes;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
