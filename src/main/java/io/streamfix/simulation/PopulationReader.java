package io.streamfix.simulation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamfix.engine.Knowledge;
import io.streamfix.engine.YamlPositions;
import io.streamfix.input.InputProblem;
import io.streamfix.input.Suggestions;
import io.streamfix.input.SymptomFact;
import io.streamfix.model.Fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a population file (README, "Simulated viewers") against the causes, facts and fixes
 * of a rules folder. Every problem is reported at once, with its line, column and field, and a close
 * match for a misspelt id.
 *
 * <pre>{@code
 * Population population = PopulationReader.read(Path.of("populations/vpn-heavy.yaml"),
 *         troubleshooter.knowledgeBase().knowledge());
 * }</pre>
 */
public final class PopulationReader {
    /** How far a set of probabilities may be from summing to 1 (authors write two or three decimals). */
    static final double SUM_TOLERANCE = 0.005;

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> TOP_FIELDS = Set.of("name", "description", "causes", "facts", "fixes", "escalation");
    private static final Set<String> FACT_FIELDS = Set.of("reported", "values");
    private static final Set<String> FIX_FIELDS = Set.of("minutes", "resolves");
    private static final Set<String> MINUTES_FIELDS = Set.of("mean", "sd");
    private static final String DEFAULT = "default";

    private final String source;
    private final YamlPositions positions;
    private final Knowledge knowledge;
    private final List<InputProblem> problems = new ArrayList<>();

    private PopulationReader(String source, String text, Knowledge knowledge) {
        this.source = source;
        this.positions = YamlPositions.of(text);
        this.knowledge = knowledge;
    }

    /**
     * Reads a population file.
     *
     * @param knowledge the rules folder's knowledge: its causes and fixes are the ones the file must cover
     * @throws InvalidPopulationException with every problem, located
     */
    public static Population read(Path file, Knowledge knowledge) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidPopulationException(List.of(
                    new InputProblem(file.toString(), 0, 0, "", "cannot read the file: " + e.getMessage())));
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return read(file.toString(), name, text, knowledge);
    }

    /** Reads a population given as YAML text; {@code name} is used when the text names none. */
    public static Population read(String source, String name, String text, Knowledge knowledge) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidPopulationException(List.of(new InputProblem(source,
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "not valid YAML: " + e.getOriginalMessage())));
        }
        return new PopulationReader(source, text, knowledge).population(root, name);
    }

    private Population population(JsonNode root, String fallbackName) {
        if (root == null || !root.isObject()) {
            throw invalid(List.of(new InputProblem(source, 1, 1, "",
                    "a population is a mapping with causes, facts, fixes and escalation (see the README, \"Simulated viewers\")")));
        }
        unknownFields(root, "", TOP_FIELDS);
        String name = root.hasNonNull("name") ? root.get("name").asText() : fallbackName;
        Map<String, Double> baseRates = baseRates(required(root, "causes", ""));
        List<FactModel> facts = facts(root.get("facts"));
        List<FixModel> fixes = fixes(required(root, "fixes", ""));
        JsonNode escalation = required(root, "escalation", "");
        Minutes escalationMinutes = null;
        if (escalation != null) {
            unknownFields(escalation, "escalation", Set.of("minutes"));
            escalationMinutes = minutes(required(escalation, "minutes", "escalation"), "escalation.minutes");
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new Population(name, baseRates, facts, fixes, escalationMinutes);
    }

    private Map<String, Double> baseRates(JsonNode causes) {
        Map<String, Double> rates = new LinkedHashMap<>();
        if (causes == null || !mapping(causes, "causes", "base rates by cause id, e.g. vpn_or_proxy: 0.3")) {
            return rates;
        }
        Map<String, Double> given = probabilities(causes, "causes", knowledge.causes().keySet(), "cause");
        // A misspelt cause is reported once, as misspelt: not again as a missing one, nor as a wrong sum.
        Set<String> misspelt = new java.util.HashSet<>();
        causes.fieldNames().forEachRemaining(name -> {
            if (!knowledge.causes().containsKey(name)) {
                misspelt.add(Suggestions.closest(name, knowledge.causes().keySet()).orElse(name));
            }
        });
        for (String cause : knowledge.causes().keySet()) {
            if (!given.containsKey(cause) && !causes.has(cause) && !misspelt.contains(cause)) {
                problem("causes", "missing the base rate of " + cause + " (every cause of the rules needs one; 0 is allowed)");
            }
            rates.put(cause, given.getOrDefault(cause, 0.0));
        }
        if (misspelt.isEmpty()) {
            checkSum(rates.values(), "causes", "the base rates");
        }
        return rates;
    }

    private List<FactModel> facts(JsonNode facts) {
        List<FactModel> result = new ArrayList<>();
        if (facts == null || facts.isNull()) {
            return result;
        }
        if (!mapping(facts, "facts", "a mapping from symptom fields (e.g. network.vpn_active) to their model")) {
            return result;
        }
        for (Iterator<String> names = facts.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            if (SymptomFact.named(path).isEmpty()) {
                problem("facts." + path, "not a symptom fact; expected one of " + String.join(", ", SymptomFact.paths())
                        + SymptomFact.closest(path).map(s -> " — did you mean " + s + "?").orElse(""));
            }
        }
        // In the order of the symptom file, whatever the order of the population file.
        for (SymptomFact fact : SymptomFact.ALL) {
            JsonNode node = facts.get(fact.path());
            if (node != null) {
                FactModel model = fact(fact, node, "facts." + fact.path());
                if (model != null) {
                    result.add(model);
                }
            }
        }
        return result;
    }

    private FactModel fact(SymptomFact fact, JsonNode node, String path) {
        if (!mapping(node, path, "reported and values")) {
            return null;
        }
        unknownFields(node, path, FACT_FIELDS);
        List<String> values = fact.isYesNo() ? List.of("true", "false") : fact.answers();
        Map<String, Double> reported = reported(required(node, "reported", path), path + ".reported");
        JsonNode given = required(node, "values", path);
        if (given == null || !mapping(given, path + ".values",
                "P(value | cause) by cause id (or default), e.g. default: {true: 0.1, false: 0.9}")) {
            return null;
        }
        List<String> ids = new ArrayList<>(knowledge.causes().keySet());
        ids.add(DEFAULT);
        Map<String, double[]> byCause = new HashMap<>();
        for (Iterator<String> causes = given.fieldNames(); causes.hasNext(); ) {
            String cause = causes.next();
            String at = path + ".values." + cause;
            if (!ids.contains(cause)) {
                problem(at, unknownId("cause", cause, ids));
                continue;
            }
            JsonNode distribution = given.get(cause);
            if (!mapping(distribution, at, "P(value | cause) for each value: " + String.join(", ", values))) {
                continue;
            }
            Map<String, Double> p = probabilities(distribution, at, values, "value");
            double[] aligned = values.stream().mapToDouble(v -> p.getOrDefault(v, 0.0)).toArray();
            checkSum(p.values(), at, "P(value | " + cause + ")");
            byCause.put(cause, aligned);
        }
        Map<String, double[]> complete = new HashMap<>();
        for (String cause : knowledge.causes().keySet()) {
            double[] p = byCause.getOrDefault(cause, byCause.get(DEFAULT));
            if (p == null) {
                problem(path + ".values", "no distribution for " + cause + ": give one, or a default for the causes not listed");
                continue;
            }
            complete.put(cause, p);
        }
        if (reported == null || reported.size() < knowledge.causes().size() || complete.size() < knowledge.causes().size()) {
            return null;
        }
        return new FactModel(fact.path(), values, reported, complete);
    }

    /** P(reported | cause) for every cause: one probability for all, or by cause id with a default. */
    private Map<String, Double> reported(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        Map<String, Double> byCause = new HashMap<>();
        if (!node.isObject()) {
            Double p = probability(node, path);
            if (p == null) {
                return null;
            }
            knowledge.causes().keySet().forEach(cause -> byCause.put(cause, p));
            return byCause;
        }
        List<String> ids = new ArrayList<>(knowledge.causes().keySet());
        ids.add(DEFAULT);
        Map<String, Double> given = probabilities(node, path, ids, "cause");
        for (String cause : knowledge.causes().keySet()) {
            Double p = given.getOrDefault(cause, given.get(DEFAULT));
            if (p == null) {
                if (!node.has(cause) && !node.has(DEFAULT)) {
                    problem(path, "no chance of reporting for " + cause + ": give one, or a default for the causes not listed");
                }
                return null;
            }
            byCause.put(cause, p);
        }
        return byCause;
    }

    private List<FixModel> fixes(JsonNode fixes) {
        List<FixModel> result = new ArrayList<>();
        if (fixes == null || !mapping(fixes, "fixes", "a mapping from fix ids to minutes and resolves")) {
            return result;
        }
        List<String> ids = knowledge.fixes().values().stream().filter(f -> !f.escalation()).map(Fix::id).toList();
        for (Iterator<String> names = fixes.fieldNames(); names.hasNext(); ) {
            String id = names.next();
            Fix known = knowledge.fixes().get(id);
            if (known != null && known.escalation()) {
                problem("fixes." + id, id + " is the escalation: give its cost under escalation.minutes");
            } else if (known == null) {
                problem("fixes." + id, unknownId("fix", id, ids));
            }
        }
        for (String id : ids) {  // in the article's order, as the rules list them
            JsonNode node = fixes.get(id);
            String path = "fixes." + id;
            if (node == null) {
                problem("fixes", "missing the fix " + id + " (every fix of the rules needs its minutes)");
                continue;
            }
            if (!mapping(node, path, "minutes and resolves")) {
                continue;
            }
            unknownFields(node, path, FIX_FIELDS);
            Minutes minutes = minutes(required(node, "minutes", path), path + ".minutes");
            JsonNode resolves = node.get("resolves");
            Map<String, Double> chances = Map.of();
            if (resolves != null && !resolves.isNull()
                    && mapping(resolves, path + ".resolves", "P(the fix ends the error | cause) by cause id")) {
                chances = probabilities(resolves, path + ".resolves", knowledge.causes().keySet(), "cause");
            }
            if (minutes != null) {
                result.add(new FixModel(id, minutes, chances));
            }
        }
        return result;
    }

    /** A number of minutes, or {@code {mean: M, sd: S}}. */
    private Minutes minutes(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            return positive(node, path) ? new Minutes(node.asDouble(), 0) : null;
        }
        if (!node.isObject()) {
            problem(path, "expected a number of minutes, or {mean: M, sd: S}, got " + describe(node));
            return null;
        }
        unknownFields(node, path, MINUTES_FIELDS);
        JsonNode mean = required(node, "mean", path);
        JsonNode sd = node.get("sd");
        if (mean == null) {
            return null;
        }
        if (!mean.isNumber()) {
            problem(path + ".mean", "expected a number of minutes, got " + describe(mean));
            return null;
        }
        if (sd != null && !(sd.isNumber() && sd.asDouble() >= 0)) {
            problem(path + ".sd", "expected a spread >= 0 in minutes, got " + describe(sd));
            return null;
        }
        return positive(mean, path + ".mean") ? new Minutes(mean.asDouble(), sd == null ? 0 : sd.asDouble()) : null;
    }

    private boolean positive(JsonNode minutes, String path) {
        if (minutes.asDouble() > 0 && Double.isFinite(minutes.asDouble())) {
            return true;
        }
        problem(path, "expected minutes > 0, got " + describe(minutes));
        return false;
    }

    /** The entries of a mapping of id to probability, each id checked against {@code ids}. */
    private Map<String, Double> probabilities(JsonNode mapping, String path, Collection<String> ids, String what) {
        Map<String, Double> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = mapping.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String at = path + "." + entry.getKey();
            if (!ids.contains(entry.getKey())) {
                problem(at, unknownId(what, entry.getKey(), ids));
                continue;
            }
            Double p = probability(entry.getValue(), at);
            if (p != null) {
                result.put(entry.getKey(), p);
            }
        }
        return result;
    }

    private Double probability(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            problem(path, "expected a probability between 0 and 1, got " + describe(node));
            return null;
        }
        return node.asDouble();
    }

    private void checkSum(Collection<Double> probabilities, String path, String what) {
        double sum = probabilities.stream().mapToDouble(Double::doubleValue).sum();
        if (!probabilities.isEmpty() && Math.abs(sum - 1) > SUM_TOLERANCE) {
            problem(path, what + " sum to " + round(sum) + "; they must sum to 1");
        }
    }

    private boolean mapping(JsonNode node, String path, String expected) {
        if (node.isObject()) {
            return true;
        }
        problem(path, "expected " + expected + ", got " + describe(node));
        return false;
    }

    private JsonNode required(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            problem(path.isEmpty() ? field : path + "." + field, "missing");
            return null;
        }
        return node;
    }

    private void unknownFields(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(path.isEmpty() ? name : path + "." + name, "unknown field; expected one of "
                        + String.join(", ", known.stream().sorted().toList())
                        + Suggestions.closest(name, known).map(s -> " — did you mean " + s + "?").orElse(""));
            }
        }
    }

    private static String unknownId(String what, String id, Collection<String> ids) {
        return "unknown " + what + " \"" + id + "\"; expected one of " + String.join(", ", ids)
                + Suggestions.closest(id, ids).map(s -> " — did you mean " + s + "?").orElse("");
    }

    private static String describe(JsonNode node) {
        if (node.isObject() || node.isArray()) {
            return node.isObject() ? "a mapping" : "a list";
        }
        return node.isNumber() || node.isBoolean() ? node.asText() : "\"" + node.asText() + "\"";
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }

    private void problem(String path, String message) {
        int[] at = positions.lineColumn(path);
        problems.add(new InputProblem(source, at[0], at[1], path, message));
    }

    private InvalidPopulationException invalid(List<InputProblem> found) {
        List<InputProblem> sorted = new ArrayList<>(found);
        sorted.sort(java.util.Comparator.comparingInt(InputProblem::line).thenComparingInt(InputProblem::column));
        return new InvalidPopulationException(sorted);
    }
}
