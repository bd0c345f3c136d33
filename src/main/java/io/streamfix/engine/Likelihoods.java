package io.streamfix.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.input.Suggestions;
import io.streamfix.model.Evidence;
import org.kie.api.runtime.rule.RuleContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evidence rules' likelihood ratios ({@code rules/likelihoods.yaml}): by rule name, then by cause,
 * how many times likelier the rule's finding is under that cause than under a cause the rule does not
 * name. The rules of {@code evidence.drl} reach it as the global {@code likelihoods}:
 *
 * <pre>{@code
 * global io.streamfix.engine.Likelihoods likelihoods;
 * ...
 * then
 *     likelihoods.insertEvidence(drools, "A VPN app is on, ...");   // every cause listed under the rule
 *     insertLogical(likelihoods.evidence(drools, "vpn_or_proxy", "A VPN app is on, ..."));  // one named cause
 * }</pre>
 *
 * @param byRule λ by rule name, then by cause id; in file order
 */
public record Likelihoods(Map<String, Map<String, Double>> byRule) {

    /** The name of the likelihoods file in a rules folder. */
    public static final String FILE_NAME = "likelihoods.yaml";

    /** The name of the global the rules use. */
    public static final String GLOBAL = "likelihoods";

    /** No likelihood ratios: for a rules folder without the file. */
    public static final Likelihoods NONE = new Likelihoods(Map.of());

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * The evidence a rule finds for a cause, with the λ this file gives the pair (the rule's name, the cause).
     *
     * @param drools the rule's context ({@code drools} in a consequence): gives the rule's name
     * @throws IllegalStateException when the file has no λ for the pair: {@code streamfix check} names it
     */
    public Evidence evidence(RuleContext drools, String cause, String reason) {
        String rule = drools.getRule().getName();
        Map<String, Double> ratios = byRule.get(rule);
        Double ratio = ratios == null ? null : ratios.get(cause);
        if (ratio == null) {
            throw new IllegalStateException(FILE_NAME + " has no likelihood ratio for rule \"" + rule
                    + "\" and cause \"" + cause + "\"; add it under \"" + rule + "\": (streamfix check lists every one missing)");
        }
        return new Evidence(cause, ratio, reason, rule);
    }

    /**
     * Inserts, logically, the evidence a rule's finding brings for every cause this file lists under the
     * rule's name, each with its λ: the file, not the DRL, says which causes a finding bears on, so a
     * rule author (or {@code streamfix calibrate}) adds a cause with one line of data.
     *
     * @param drools the rule's context ({@code drools} in a consequence): gives the rule's name
     * @throws IllegalStateException when the file has no entry for the rule: {@code streamfix check} names it
     */
    public void insertEvidence(RuleContext drools, String reason) {
        String rule = drools.getRule().getName();
        Map<String, Double> ratios = byRule.get(rule);
        if (ratios == null) {
            throw new IllegalStateException(FILE_NAME + " has no entry for rule \"" + rule
                    + "\"; add \"" + rule + ":\" with a line \"<cause>: <ratio>  # <its source>\" per cause (streamfix check lists every one missing)");
        }
        for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
            drools.insertLogical(new Evidence(ratio.getKey(), ratio.getValue(), reason, rule));
        }
    }

    /** The λ of a (rule, cause) pair, or {@code null} when the file has none. */
    public Double of(String rule, String cause) {
        Map<String, Double> ratios = byRule.get(rule);
        return ratios == null ? null : ratios.get(cause);
    }

    /** Reads the file of a folder; {@link #NONE} when it has none. */
    static Likelihoods readFolder(Path folder, Collection<String> causes) {
        Path file = folder.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? read(file, causes) : NONE;
    }

    /**
     * Reads and checks a likelihoods file: every cause known, every λ a number ≥ 0.
     *
     * @param causes the known cause ids, for "did you mean"
     * @throws RulesException naming the file, line and column of each problem
     */
    public static Likelihoods read(Path file, Collection<String> causes) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RulesException(List.of(RuleProblem.error(name, 0, 0, "cannot read: " + e.getMessage())));
        }
        return read(name, text, causes);
    }

    /**
     * Reads and checks the text of a likelihoods file that is not a file of its own (a kjar's resource),
     * {@code name} naming it in problems.
     */
    static Likelihoods read(String name, String text, Collection<String> causes) {
        JsonNode root;
        try {
            Knowledge.strict(name, text); // the symptom files' YAML rules: no duplicate keys, tags, aliases
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RulesException(List.of(YamlMessages.problem(name, e)));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        YamlPositions at = YamlPositions.of(text);
        List<RuleProblem> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new RulesException(List.of(at.problem(name, "", "expected a map: rule name, then cause: likelihood ratio", false)));
        }
        Map<String, Map<String, Double>> byRule = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> rules = root.fields(); rules.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = rules.next();
            String rulePath = rule.getKey();
            if (!rule.getValue().isObject()) {
                problems.add(at.problem(name, rulePath, "expected a map of cause: likelihood ratio under the rule's name", false));
                continue;
            }
            Map<String, Double> ratios = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> entries = rule.getValue().fields(); entries.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String path = rulePath + "." + entry.getKey();
                if (!causes.contains(entry.getKey())) {
                    problems.add(at.problem(name, path, "unknown cause \"" + entry.getKey() + "\""
                            + Suggestions.didYouMean(entry.getKey(), causes) + "; known causes: " + String.join(", ", causes), false));
                }
                JsonNode value = entry.getValue();
                if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
                    problems.add(at.problem(name, path, "expected a likelihood ratio, a number >= 0 (1 = no effect, 0 rules the cause out), got "
                            + (value.isTextual() ? "\"" + value.asText() + "\"" : value.isNumber() && Double.isInfinite(value.asDouble()) ? Knowledge.shown(value.asDouble()) : value.toString()), false));
                } else {
                    ratios.put(entry.getKey(), value.asDouble());
                }
            }
            byRule.put(rule.getKey(), Collections.unmodifiableMap(ratios));
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems);
        }
        return new Likelihoods(Collections.unmodifiableMap(byRule));
    }
}
