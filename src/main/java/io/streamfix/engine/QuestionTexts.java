package io.streamfix.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
 * How to ask about each fact, from {@code questions.yaml} in a rules folder: the question's text and
 * why the answer matters. Only the wording: which questions are asked, and in which order, the engine
 * works out from the rules ({@link QuestionRanker}). Immutable.
 *
 * <pre>{@code
 * QuestionTexts texts = QuestionTexts.read(Path.of("rules/questions.yaml"));
 * String text = texts.textOf("network.vpn_active");   // "Is a VPN app turned on on this device?"
 * }</pre>
 *
 * @param byFact the text and why of each fact, by fact path, in file order
 */
public record QuestionTexts(Map<String, Wording> byFact) {

    /** The name of the file in a rules folder; optional (without it, every question has a default text). */
    public static final String FILE_NAME = "questions.yaml";

    /** No file: every question gets the default wording. */
    public static final QuestionTexts NONE = new QuestionTexts(Map.of());

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** What asking costs when the file does not say: reading a question and answering it. */
    public static final double DEFAULT_MINUTES = 0.5;

    /**
     * The wording of one question, and what the questions' value of information needs to know of it.
     *
     * @param text    the question
     * @param why     why the answer matters
     * @param minutes what finding out the answer costs, in minutes ({@value #DEFAULT_MINUTES} when not given)
     * @param answers by answer, how likely it is when the cause at work is one the answer's rules do
     *                not name (the baseline the likelihood ratios are relative to); {@code null}: all
     *                answers equally likely
     */
    public record Wording(@JsonProperty(required = true) String text, @JsonProperty(required = true) String why,
                          Double minutes, Map<String, Double> answers) {
        public Wording(String text, String why) {
            this(text, why, null, null);
        }
    }

    public QuestionTexts {
        byFact = Collections.unmodifiableMap(new LinkedHashMap<>(byFact));
    }

    /** The question for a fact: from the file, else a plain default that names the fact. */
    public String textOf(String fact) {
        Wording wording = byFact.get(fact);
        return wording != null ? wording.text() : "What is " + fact + "?";
    }

    /** Why the answer to a fact matters: from the file, else a default. */
    public String whyOf(String fact) {
        Wording wording = byFact.get(fact);
        return wording != null ? wording.why() : "The rules use " + fact + ".";
    }

    /** What finding out a fact costs, in minutes. */
    public double minutesOf(String fact) {
        Wording wording = byFact.get(fact);
        return wording == null || wording.minutes() == null ? DEFAULT_MINUTES : wording.minutes();
    }

    /** How likely an answer is under a cause its rules do not name: from the file, else all answers alike. */
    public double baselineOf(String fact, String answer, int answers) {
        Wording wording = byFact.get(fact);
        Double given = wording == null || wording.answers() == null ? null : wording.answers().get(answer);
        return given != null ? given : 1.0 / answers;
    }

    /** The questions of a rules folder; {@link #NONE} when it has no {@value #FILE_NAME}. */
    static QuestionTexts readFolder(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? read(file) : NONE;
    }

    /**
     * Reads and checks a questions file: every key must be a fact of the symptom file.
     *
     * @throws RulesException naming the file, line and column of each problem
     */
    public static QuestionTexts read(Path file) {
        String name = file.toString();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, Wording> byFact = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RulesException(List.of(RuleProblem.error(name, 0, 0, "cannot read: " + e.getMessage())));
        }
        Knowledge.strict(name, text);
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken start = parser.nextToken();
            if (start == null) {
                return NONE;
            }
            if (start != JsonToken.START_OBJECT) {
                throw problem(name, parser.currentTokenLocation(), "expected a mapping of fact paths to {text, why}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String fact = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                parser.nextToken();
                Wording wording = YAML.readValue(parser, Wording.class);
                if (SymptomFact.named(fact).isEmpty()) {
                    problems.add(RuleProblem.error(name, at.getLineNr(), at.getColumnNr(), fact
                            + ": not a fact of the symptom file that can be asked about"
                            + SymptomFact.closest(fact).map(s -> " — did you mean " + s + "?")
                                    .orElse("; facts: " + String.join(", ", SymptomFact.paths()))));
                } else if (wording == null) {
                    problems.add(RuleProblem.error(name, at.getLineNr(), at.getColumnNr(), fact + ": needs text and why"));
                } else if (wording.minutes() != null && !(wording.minutes() >= 0)) {
                    problems.add(RuleProblem.error(name, at.getLineNr(), at.getColumnNr(), fact
                            + ".minutes: expected the minutes finding out the answer takes, a number >= 0, got " + Knowledge.shown(wording.minutes())));
                } else if (badAnswers(fact, wording) != null) {
                    problems.add(RuleProblem.error(name, at.getLineNr(), at.getColumnNr(), fact + ".answers: " + badAnswers(fact, wording)));
                } else {
                    byFact.put(fact, wording);
                }
            }
        } catch (JsonProcessingException e) {
            throw new RulesException(List.of(YamlMessages.problem(name, e)));
        } catch (IOException e) {
            throw new RulesException(List.of(RuleProblem.error(name, 0, 0, "cannot read: " + e.getMessage())));
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        return new QuestionTexts(byFact);
    }

    /** What is wrong with a question's answer rates, or null. */
    private static String badAnswers(String fact, Wording wording) {
        if (wording.answers() == null) {
            return null;
        }
        List<String> allowed = SymptomFact.named(fact).orElseThrow().answers();
        for (Map.Entry<String, Double> rate : wording.answers().entrySet()) {
            if (!allowed.contains(rate.getKey())) {
                return "\"" + rate.getKey() + "\" is not an answer of this question; its answers: " + String.join(", ", allowed);
            }
            if (rate.getValue() == null || !(rate.getValue() >= 0 && rate.getValue() <= 1)) {
                return rate.getKey() + ": expected a probability from 0 to 1, got " + rate.getValue();
            }
        }
        return null;
    }

    private static RulesException problem(String file, JsonLocation at, String message) {
        return new RulesException(List.of(RuleProblem.error(file, at == null ? 0 : at.getLineNr(),
                at == null ? 0 : at.getColumnNr(), message)));
    }
}
