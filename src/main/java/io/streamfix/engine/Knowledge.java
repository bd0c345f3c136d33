package io.streamfix.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.input.InputProblem;
import io.streamfix.input.StrictYaml;
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
 * and its fixes with their texts. Immutable.
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

    private record CauseEntry(@JsonProperty(required = true) String title) {
    }

    private record FixEntry(@JsonProperty(required = true) Integer order,
                            @JsonProperty(required = true) String title,
                            String why, Boolean risky, Boolean escalation, List<String> addresses,
                            Map<String, List<String>> steps) {
    }

    /**
     * Reads and checks a knowledge file.
     *
     * @throws RulesException naming the file, line and column of each problem
     */
    public static Knowledge read(Path file) {
        String name = file.toString();
        Document document;
        String text;
        try {
            text = Files.readString(file);
            strict(name, text);
            document = YAML.readValue(text, Document.class);
        } catch (JsonProcessingException e) {
            throw new RulesException(List.of(YamlMessages.problem(name, e)));
        } catch (IOException e) {
            throw new RulesException(List.of(RuleProblem.error(name, 0, 0, "cannot read: " + e.getMessage())));
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
        document.causes().forEach((id, entry) -> causes.put(id, new KnownCause(id, entry.title())));

        List<Fix> fixes = new ArrayList<>();
        document.fixes().forEach((id, entry) -> {
            List<String> addresses = entry.addresses() == null ? List.of() : entry.addresses();
            for (int i = 0; i < addresses.size(); i++) {
                if (!causes.containsKey(addresses.get(i))) {
                    problems.add(at.problem(file, "fixes." + id + ".addresses[" + i + "]", "unknown cause \""
                            + addresses.get(i) + "\"; known causes: " + String.join(", ", causes.keySet()), false));
                }
            }
            fixes.add(new Fix(id, entry.order(), entry.title(), entry.why() == null ? "" : entry.why(),
                    Boolean.TRUE.equals(entry.risky()), Boolean.TRUE.equals(entry.escalation()), addresses,
                    entry.steps() == null ? Map.of() : entry.steps()));
        });
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        Map<String, Fix> bySimplicity = new LinkedHashMap<>();
        fixes.stream().sorted((a, b) -> Integer.compare(a.order(), b.order()))
                .forEach(fix -> bySimplicity.put(fix.id(), fix));
        return new Knowledge(Set.copyOf(document.errorCodes()), Collections.unmodifiableMap(causes),
                Collections.unmodifiableMap(bySimplicity));
    }
}
