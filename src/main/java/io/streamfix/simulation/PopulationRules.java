package io.streamfix.simulation;

import io.streamfix.Troubleshooter;
import io.streamfix.learning.BeliefModel;
import io.streamfix.learning.DataFile;
import io.streamfix.learning.RulesData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rules folder with a population's <em>true</em> numbers written in: what the rules would say if
 * calibration were perfect. It separates what the method gets wrong from what the numbers get wrong: the
 * replay of streamfix's advice with these rules against the optimum ({@link ReplayBenchmark}) measures
 * only what the rules' structure and the engine lose (a finding no rule expresses, a plan rule that drops
 * a fix the population still lets help), since every number is the population's own.
 *
 * <p>The copy is the rules folder with only numbers changed, by {@link RulesData#writeCopy} (each
 * rewritten number says on its line that it is a true number of the population):
 * <ul>
 *   <li>each cause's {@code base_rate} is the population's P(cause);</li>
 *   <li>each fix's {@code minutes} is the population's mean, and {@code resolves} the population's
 *       P(resolves | cause): for the causes the fix already lists (0 where the population has none) and,
 *       as lines added under {@code resolves} ({@link DataFile#add}), for the others the population gives
 *       a chance; the escalation fix's {@code minutes} is the population's escalation mean;</li>
 *   <li>each evidence rule (a rule named in {@code likelihoods.yaml}) gets, for every cause,
 *       λ(rule, c) = P(finding | c) / P(finding | reference), where the finding is "the viewer reports a
 *       value the rule fires on": P(finding | c) = reported(fact, c) · Σ P(value | c) over those values
 *       ({@link FactModel}). Every cause is listed (lines are added), so the causes a rule did not list
 *       are no longer taken as 1 by default but get their own ratio. The reference is the P(finding) most
 *       causes share (the population's {@code default}), so those causes get exactly 1; it cancels in the
 *       posterior, which is normalised over the causes.</li>
 * </ul>
 * Which rule fires for which value is not assumed from the rules' names: each value of each fact the
 * population models is diagnosed alone, as a document holding only that answer, through the engine, and
 * the evidence rules that fired (and do not fire on an empty document) are taken. A rule that fires for
 * several values of one fact (a phone or a tablet) gets their summed probability.
 *
 * <p>Out of scope, and reported in {@link #notes()} rather than written: a rule that fires only on a
 * combination of answers (it fires on no single one, so its numbers stay as they were), a rule that fires
 * for answers of more than one fact, and what no λ can say: a fact whose chance of being reported depends
 * on the cause (leaving it out is then evidence, but no rule fires on an unknown), and a rule that merges
 * values whose proportions differ by cause.
 *
 * <pre>{@code
 * Troubleshooter shipped = Troubleshooter.load(Path.of("rules"));
 * Population population = PopulationReader.read(Path.of("populations/vpn-heavy.yaml"),
 *         shipped.knowledgeBase().knowledge());
 * PopulationRules truth = PopulationRules.write(population, Path.of("rules"), Path.of("rules-vpn-heavy"));
 * truth.notes().forEach(System.out::println);
 * ReplayBenchmark.Result result = ReplayBenchmark.run(population,
 *         Troubleshooter.load(Path.of("rules-vpn-heavy")), 2000, 1);
 * }</pre>
 */
public final class PopulationRules {
    private final Map<String, List<String>> findings;
    private final List<String> notes;

    private PopulationRules(Map<String, List<String>> findings, List<String> notes) {
        this.findings = Collections.unmodifiableMap(findings);
        this.notes = List.copyOf(notes);
    }

    /**
     * For each evidence rule that fires on single answers, the answers it fires on, as
     * {@code path=value} (e.g. {@code device.type=mobile}), in the population's order.
     */
    public Map<String, List<String>> findings() {
        return findings;
    }

    /** What the true numbers could not be written for, or cannot express, one sentence each. */
    public List<String> notes() {
        return notes;
    }

    /**
     * Copies {@code rules} to {@code target} (which must not exist or be empty) with the population's
     * true numbers written in.
     *
     * @param population a population read against {@code rules} (the same causes and fixes)
     * @param rules      the rules folder to copy; it is loaded here to find which rule fires for what
     * @param target     the new folder
     * @throws io.streamfix.engine.RulesException when {@code rules} does not load
     */
    public static PopulationRules write(Population population, Path rules, Path target) {
        RulesData data = RulesData.read(rules);
        BeliefModel shipped = data.model();
        String source = "true number of population " + population.name();
        List<String> notes = new ArrayList<>();
        Map<String, String> comments = new LinkedHashMap<>();
        List<String> causes = shipped.causes();

        Map<String, Double> baseRates = new LinkedHashMap<>();
        for (String cause : causes) {
            baseRates.put(cause, population.baseRates().getOrDefault(cause, 0.0));
            comments.put(RulesData.key(List.of("causes", cause, "base_rate")), source + ": P(cause)");
        }

        Map<String, Map<String, Double>> resolves = new LinkedHashMap<>();
        Map<String, Double> minutes = new LinkedHashMap<>();
        Map<String, Map<String, Line>> addedResolves = new LinkedHashMap<>();
        for (String fix : shipped.resolves().keySet()) {
            if (fix.equals(data.escalationFix())) {
                // Escalating ends the case whatever the cause: its own chances, if any, are not the population's.
                resolves.put(fix, shipped.resolves().get(fix));
                minutes.put(fix, population.escalation().mean());
                comments.put(RulesData.key(List.of("fixes", fix, "minutes")), source + ": the escalation's mean minutes");
                continue;
            }
            FixModel model = population.fixes().stream().filter(f -> f.id().equals(fix)).findFirst().orElse(null);
            if (model == null) {
                resolves.put(fix, shipped.resolves().get(fix));
                if (shipped.minutes().containsKey(fix)) {
                    minutes.put(fix, shipped.minutes().get(fix));
                }
                notes.add("fix " + fix + " is not in the population: its numbers are left as they were");
                continue;
            }
            Map<String, Double> byCause = new LinkedHashMap<>();
            for (String cause : causes) {
                double p = model.resolves(cause);
                byCause.put(cause, p);
                comments.put(RulesData.key(List.of("fixes", fix, "resolves", cause)), source + ": P(resolves | cause)");
                if (p > 0 && !shipped.resolves().get(fix).containsKey(cause)) {
                    addedResolves.computeIfAbsent(fix, k -> new LinkedHashMap<>())
                            .put(cause, new Line(p, source + ": P(resolves | cause) (added)"));
                }
            }
            resolves.put(fix, byCause);
            minutes.put(fix, model.minutes().mean());
            comments.put(RulesData.key(List.of("fixes", fix, "minutes")), source + ": mean minutes");
        }

        Map<String, List<Answer>> fired;
        try (Troubleshooter troubleshooter = Troubleshooter.load(rules)) {
            fired = firings(population, troubleshooter, shipped.evidenceRules(), notes);
        }
        Map<String, List<String>> findings = new LinkedHashMap<>();
        Map<String, Map<String, Line>> added = new LinkedHashMap<>();
        Map<String, Map<String, Double>> likelihoods = new LinkedHashMap<>(shipped.likelihoods());
        for (String rule : shipped.evidenceRules()) {
            List<Answer> answers = fired.getOrDefault(rule, List.of());
            if (answers.isEmpty()) {
                notes.add("rule \"" + rule + "\" fires on no single answer of the population (a combination, or "
                        + "facts the population does not model): its ratios are left as they were");
                continue;
            }
            findings.put(rule, answers.stream().map(a -> a.fact().path() + "=" + a.value()).toList());
            Set<FactModel> facts = new LinkedHashSet<>(answers.stream().map(Answer::fact).toList());
            if (facts.size() > 1) {
                notes.add("rule \"" + rule + "\" fires on answers of several facts ("
                        + String.join(", ", facts.stream().map(FactModel::path).toList())
                        + "): out of scope, its ratios are left as they were");
                continue;
            }
            FactModel fact = facts.iterator().next();
            List<String> values = answers.stream().map(Answer::value).toList();
            Map<String, Double> finding = new LinkedHashMap<>();
            for (String cause : causes) {
                double p = 0;
                for (String value : values) {
                    p += fact.probability(value, cause);
                }
                finding.put(cause, fact.reported(cause) * p);
            }
            double reference = reference(finding);
            if (reference <= 0) {
                notes.add("rule \"" + rule + "\" fires on answers the population never gives: its ratios are left as they were");
                continue;
            }
            Map<String, Double> ratios = new LinkedHashMap<>();
            finding.forEach((cause, p) -> {
                String comment = source + ": P(answer " + String.join(" or ", values) + " | cause) / the same for most causes = "
                        + shown(p) + " / " + shown(reference);
                ratios.put(cause, p / reference);
                if (shipped.likelihoods().get(rule).containsKey(cause)) {
                    comments.put(RulesData.key(List.of(rule, cause)), comment);
                } else {
                    // Added below with the resolves lines, in cause order.
                    added.computeIfAbsent(rule, k -> new LinkedHashMap<>()).put(cause, new Line(p / reference, comment));
                }
            });
            likelihoods.put(rule, ratios);
            if (values.size() > 1 && proportionsDiffer(fact, values, causes)) {
                notes.add("rule \"" + rule + "\" fires on " + String.join(" or ", values) + ", whose proportions differ"
                        + " by cause: the sum is exact for the rule, but the answer itself says more than the rule can");
            }
        }
        for (FactModel fact : population.facts()) {
            Set<Double> chances = new HashSet<>(fact.reported().values());
            if (chances.size() > 1) {
                notes.add("whether " + fact.path() + " is reported depends on the cause: leaving it out is evidence"
                        + " the population's posterior uses and no rule can express (no rule fires on an unknown)");
            }
        }

        BeliefModel truth = new BeliefModel(causes, baseRates, likelihoods, resolves, minutes);
        data.writeCopy(target, truth, comments);
        Map<List<String>, Map<String, Line>> lines = new LinkedHashMap<>();
        addedResolves.forEach((fix, byCause) -> lines.put(List.of("fixes", fix, "resolves"), byCause));
        addLines(target.resolve(RulesData.KNOWLEDGE), lines, notes);
        lines.clear();
        added.forEach((rule, byCause) -> lines.put(List.of(rule), byCause));
        addLines(target.resolve(RulesData.LIKELIHOODS), lines, notes);
        return new PopulationRules(findings, notes);
    }

    /** One answer a viewer may give: a fact and one of its values. */
    private record Answer(FactModel fact, String value) {
    }

    /**
     * For each evidence rule, the answers it fires on: a document holding only that answer, diagnosed
     * through the engine, less what fires on an empty document.
     */
    private static Map<String, List<Answer>> firings(Population population, Troubleshooter troubleshooter,
                                                     Set<String> evidenceRules, List<String> notes) {
        Set<String> always = new HashSet<>(troubleshooter.diagnose(Map.of()).rulesFired());
        always.retainAll(evidenceRules);
        always.forEach(rule -> notes.add("rule \"" + rule + "\" fires on an empty document: out of scope, its ratios are left as they were"));
        Map<String, List<Answer>> fired = new LinkedHashMap<>();
        for (FactModel fact : population.facts()) {
            for (String value : fact.values()) {
                Set<String> rules = new LinkedHashSet<>(troubleshooter.diagnose(document(fact.path(), value)).rulesFired());
                rules.retainAll(evidenceRules);
                rules.removeAll(always);
                if (rules.isEmpty()) {
                    notes.add(fact.path() + "=" + value + " fires no evidence rule: the answer counts for nothing");
                }
                rules.forEach(rule -> fired.computeIfAbsent(rule, r -> new ArrayList<>()).add(new Answer(fact, value)));
            }
        }
        always.forEach(fired::remove);
        return fired;
    }

    /** A symptom document with only this answer, typed as a symptom file writes it (as {@link Viewer#document}). */
    private static Map<String, Object> document(String path, String value) {
        int dot = path.indexOf('.');
        Object typed = switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> value;
        };
        return Map.of(path.substring(0, dot), Map.of(path.substring(dot + 1), typed));
    }

    /**
     * The P(finding) shared by the most causes: the population's {@code default}, so that the causes it
     * does not single out keep λ = 1. Ties go to the first cause; never 0 while some cause has more.
     */
    private static double reference(Map<String, Double> finding) {
        Map<Double, Integer> counts = new LinkedHashMap<>();
        finding.values().stream().filter(p -> p > 0).forEach(p -> counts.merge(p, 1, Integer::sum));
        double best = 0;
        int most = 0;
        for (Map.Entry<Double, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > most) {
                best = entry.getKey();
                most = entry.getValue();
            }
        }
        return best;
    }

    /** Whether the values' shares of their sum differ between causes (the rule then loses information). */
    private static boolean proportionsDiffer(FactModel fact, List<String> values, List<String> causes) {
        double[] first = null;
        for (String cause : causes) {
            double sum = values.stream().mapToDouble(v -> fact.probability(v, cause)).sum();
            if (sum <= 0) {
                continue;
            }
            double[] shares = values.stream().mapToDouble(v -> fact.probability(v, cause) / sum).toArray();
            if (first == null) {
                first = shares;
            } else {
                for (int i = 0; i < shares.length; i++) {
                    if (Math.abs(shares[i] - first[i]) > 1e-9) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A probability for a comment: four significant digits. */
    private static String shown(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A number to add as a line of its own, with its comment. */
    private record Line(double value, String comment) {
    }

    /** Adds each line under its mapping of {@code file}, in the order given. */
    private static void addLines(Path file, Map<List<String>, Map<String, Line>> lines, List<String> notes) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            DataFile data = DataFile.parse(Files.readString(file, StandardCharsets.UTF_8));
            for (Map.Entry<List<String>, Map<String, Line>> mapping : lines.entrySet()) {
                for (Map.Entry<String, Line> line : mapping.getValue().entrySet()) {
                    try {
                        data.add(mapping.getKey(), line.getKey(), line.getValue().value(), line.getValue().comment());
                    } catch (IllegalArgumentException e) {
                        notes.add(file.getFileName() + ": could not add " + line.getKey() + " under "
                                + String.join(".", mapping.getKey()) + " (" + e.getMessage() + "): it keeps its default");
                    }
                }
            }
            Files.writeString(file, data.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file + ": " + e.getMessage(), e);
        }
    }
}
