package io.streamfix.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.input.SymptomFact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The question texts of a rules folder ({@code questions.yaml}): for each fact the viewer can be asked
 * about, the question in plain words and why the answer matters. Which questions are asked, and in which
 * order, the engine works out from the rules ({@link QuestionRanker}); this file only words them. A
 * rules folder without the file asks no questions.
 *
 * <pre>{@code
 * QuestionTexts texts = QuestionTexts.read(Path.of("rules/questions.yaml"));
 * texts.get("network.vpn_active").text();   // "Is a VPN app turned on on this device?"
 * }</pre>
 *
 * @param byFact the texts by fact path, in file order (the last tie-break of the ranking)
 */
public record QuestionTexts(Map<String, Text> byFact) {
    /** The name of the question file in a rules folder. */
    public static final String FILE_NAME = "questions.yaml";

    /** No questions. */
    public static final QuestionTexts NONE = new QuestionTexts(Map.of());

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The words of one question.
     *
     * @param text the question
     * @param why  why the answer matters
     */
    public record Text(@JsonProperty(required = true) String text, @JsonProperty(required = true) String why) {
    }

    private record Document(@JsonProperty(required = true) LinkedHashMap<String, Text> questions) {
    }

    /** The texts of the question for a fact, or {@code null} when the file has none. */
    public Text get(String fact) {
        return byFact.get(fact);
    }

    /**
     * Reads and checks a question file: every key must be a fact of the symptom file that can be asked
     * about ({@link SymptomFact#ALL}), with a text and a why.
     *
     * @throws RulesException naming the file, line and fact of each problem
     */
    public static QuestionTexts read(Path file) {
        String name = file.toString();
        String yaml;
        Document document;
        try {
            yaml = Files.readString(file);
            document = YAML.readValue(yaml, Document.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RulesException(List.of(RuleProblem.error(name, at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), e.getOriginalMessage())));
        } catch (IOException e) {
            throw new RulesException(List.of(RuleProblem.error(name, 0, 0, "cannot read: " + e.getMessage())));
        }
        if (document == null) {
            throw new RulesException(List.of(RuleProblem.error(name, 1, 1, "the file is empty; expected questions:")));
        }
        List<RuleProblem> problems = new ArrayList<>();
        document.questions().forEach((fact, text) -> {
            int line = lineOf(yaml, fact);
            if (SymptomFact.named(fact).isEmpty()) {
                problems.add(RuleProblem.error(name, line, 0, "questions." + fact + ": not a fact that can be asked about"
                        + SymptomFact.closest(fact).map(s -> " — did you mean " + s + "?")
                                .orElse("; facts: " + String.join(", ", SymptomFact.paths()))));
            } else if (text == null || text.text() == null || text.text().isBlank()) {
                problems.add(RuleProblem.error(name, line, 0, "questions." + fact + ": needs a text and a why"));
            }
        });
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        return new QuestionTexts(Collections.unmodifiableMap(new LinkedHashMap<>(document.questions())));
    }

    /** The line where a key is written, for messages; Jackson's data binding forgets it. 0 if not found. */
    private static int lineOf(String yaml, String key) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(key + ":") || line.startsWith("\"" + key + "\":")) {
                return i + 1;
            }
        }
        return 0;
    }
}
