package io.streamfix.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.input.InputProblem;
import io.streamfix.input.StrictYaml;
import io.streamfix.input.Suggestions;
import io.streamfix.model.Fix;
import io.streamfix.model.KnownCause;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The knowledge data of a rules folder ({@code knowledge.yaml}): the error codes it knows, its causes
 * with their base rates, and its fixes with their texts, minutes and the probability that each
 * resolves each cause. Immutable.
 *
 * <pre>{@code
 * Knowledge knowledge = Knowledge.read(Path.of("rules/knowledge.yaml"));
 * Fix fix = knowledge.fixes().get("restart_network");
 * }</pre>
 *
 * @param errorCodes the error codes these rules diagnose
 * @param causes     the causes, by id, in file order
 * @param fixes      the fixes, by id, in the article's order of simplicity
 */
public record Knowledge(Set<String> errorCodes, Map<String, KnownCause> causes, Map<String, Fix> fixes) {

    /** The name of the knowledge data file in a rules folder. */
    public static final String FILE_NAME = "knowledge.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The file's layout, as written. */
    private record Document(@JsonProperty(value = "error_codes", required = true) List<String> errorCodes,
                            @JsonProperty(required = true) Map<String, CauseEntry> causes,
                            @JsonProperty(required = true) Map<String, FixEntry> fixes) {
    }

    private record CauseEntry(@JsonProperty(required = true) String title,
                              @JsonProperty(value = "base_rate") Double baseRate) {
    }

    /** {@code addresses} is read only to say what replaced it. */
    private record FixEntry(@JsonProperty(required = true) Integer order,
                            @JsonProperty(required = true) String title,
                            String why, Boolean risky, Boolean escalation, Double minutes,
                            Map<String, Double> resolves, List<String> addresses,
                            Map<String, List<String>> steps) {
    }

    /**
     * Reads and checks a knowledge file.
     *
     * @throws RulesException naming the file, line and column of each problem
     */
    public static Knowledge read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RulesException(List.of(RuleProblem.error(name, 0, 0, "cannot read: " + e.getMessage())));
        }
        return read(name, text);
    }

    /**
     * Reads and checks the text of a knowledge file that is not a file of its own (a kjar's resource),
     * {@code name} naming it in problems.
     *
     * @throws RulesException naming the file, line and column of each problem
     */
    static Knowledge read(String name, String text) {
        Document document;
        try {
            strict(name, text);
            document = YAML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw new RulesException(List.of(YamlMessages.problem(name, e)));
        }
        if (document == null) {
            throw new RulesException(List.of(RuleProblem.error(name, 1, 1, "the file is empty")));
        }
        return from(name, document, YamlPositions.of(text));
    }

    /**
     * Holds the file to a symptom file's YAML rules ({@link StrictYaml}): Jackson alone would let the
     * last of two {@code error_codes:} win, and read tags without a word.
     */
    static void strict(String name, String text) {
        List<InputProblem> problems = StrictYaml.check(name, text);
        if (!problems.isEmpty()) {
            throw new RulesException(problems.stream()
                    .map(p -> RuleProblem.error(name, p.line(), p.column(), p.message())).toList());
        }
    }

    private static Knowledge from(String file, Document document, YamlPositions at) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, KnownCause> causes = new LinkedHashMap<>();
        document.causes().forEach((id, entry) -> {
            Double baseRate = entry.baseRate();
            if (baseRate == null) {
                problems.add(at.problem(file, "causes." + id, "no base_rate: how often this is the cause of the "
                        + "error before anything is known, a probability (e.g. base_rate: 0.2, with a comment giving its source)", false));
            } else if (!(baseRate >= 0 && baseRate <= 1)) {
                problems.add(at.problem(file, "causes." + id + ".base_rate", "expected a probability from 0 to 1, got " + shown(baseRate), false));
            }
            causes.put(id, new KnownCause(id, entry.title(), baseRate == null ? 0 : baseRate));
        });

        List<Fix> fixes = new ArrayList<>();
        document.fixes().forEach((id, entry) -> {
            String where = "fixes." + id;
            boolean escalation = Boolean.TRUE.equals(entry.escalation());
            if (entry.addresses() != null) {
                problems.add(at.problem(file, where + ".addresses", "`addresses` was replaced by `resolves`: for each cause "
                        + "the fix addresses, the probability that it ends the error, e.g. resolves: {"
                        + (entry.addresses().isEmpty() ? "unstable_connection" : entry.addresses().get(0)) + ": 0.7}", false));
            }
            Double minutes = entry.minutes();
            if (minutes == null) {
                problems.add(at.problem(file, where, "no minutes: the typical minutes " + (escalation
                        ? "escalating costs" : "an attempt takes") + " (e.g. minutes: 5, with a comment giving its source)", false));
            } else if (!(minutes > 0) || minutes.isInfinite()) {
                problems.add(at.problem(file, where + ".minutes", "expected a number of minutes above 0, got " + shown(minutes), false));
            }
            Map<String, Double> resolves = entry.resolves() == null ? Map.of() : entry.resolves();
            if (!escalation && resolves.isEmpty() && entry.addresses() == null) {
                problems.add(at.problem(file, where, "no resolves: for each cause this fix addresses, the probability "
                        + "that it ends the error (e.g. resolves: {unstable_connection: 0.7})", false));
            }
            resolves.forEach((cause, chance) -> {
                if (!causes.containsKey(cause)) {
                    problems.add(at.problem(file, where + ".resolves." + cause, "unknown cause \"" + cause + "\""
                            + Suggestions.didYouMean(cause, causes.keySet()) + "; known causes: " + String.join(", ", causes.keySet()), false));
                }
                if (chance == null || !(chance >= 0 && chance <= 1)) {
                    problems.add(at.problem(file, where + ".resolves." + cause, "expected a probability from 0 to 1, got " + shown(chance), false));
                }
            });
            fixes.add(new Fix(id, entry.order(), entry.title(), entry.why() == null ? "" : entry.why(),
                    Boolean.TRUE.equals(entry.risky()), escalation, minutes == null ? 0 : minutes,
                    problems.isEmpty() ? resolves : Map.of(), entry.steps() == null ? Map.of() : entry.steps()));
        });
        if (document.fixes().values().stream().noneMatch(entry -> Boolean.TRUE.equals(entry.escalation()))) {
            problems.add(at.problem(file, "fixes", "no fix has escalation: true: the plan needs the last resort "
                    + "(contacting support) and its minutes, to know when no fix is worth its time", false));
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        Map<String, Fix> bySimplicity = new LinkedHashMap<>();
        fixes.stream().sorted((a, b) -> Integer.compare(a.order(), b.order()))
                .forEach(fix -> bySimplicity.put(fix.id(), fix));
        return new Knowledge(Set.copyOf(document.errorCodes()), Collections.unmodifiableMap(causes),
                Collections.unmodifiableMap(bySimplicity));
    }

    /** A number as a message shows it: one past what a number holds ({@code 1e400}) is said so, not "Infinity". */
    static String shown(Double number) {
        return number != null && number.isInfinite() ? "a number too large to read (numbers go up to about 1.8e308)"
                : String.valueOf(number);
    }

    /** The fix that escalates (contacting support): the first with {@code escalation: true}. */
    public Fix escalation() {
        for (Fix fix : fixes.values()) {
            if (fix.escalation()) {
                return fix;
            }
        }
        throw new IllegalStateException("no escalation fix"); // read() rejects such data
    }
}
