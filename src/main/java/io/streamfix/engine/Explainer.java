package io.streamfix.engine;

import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Evidence;
import io.streamfix.model.Explanation;
import io.streamfix.model.Fix;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Explains how the diagnosis reached its top causes: for each piece of evidence, the facts it came
 * from. It finds them by counterfactuals, with the rules themselves: each known fact in turn is made
 * unknown again (a tried fix, left out) and the case re-run; a fact is behind a piece of evidence when
 * that evidence disappears without it. This needs no annotation in the rules and stays true for any
 * rule, including one that needs several facts at once (each of them is named). Cost: one extra run
 * per known fact, so only {@code diagnose --explain} pays it.
 */
final class Explainer {
    private final Function<Symptoms, Set<Evidence>> evidence;
    private final QuestionTexts texts;
    private final Knowledge knowledge;
    private final SymptomsReader reader;

    Explainer(Function<Symptoms, Set<Evidence>> evidence, QuestionTexts texts, Knowledge knowledge,
              SymptomsReader reader) {
        this.evidence = evidence;
        this.texts = texts;
        this.knowledge = knowledge;
        this.reader = reader;
    }

    /** How the first {@code top} causes of {@code diagnosis} (the diagnosis of {@code symptoms}) were reached. */
    List<Explanation> explain(Symptoms symptoms, Diagnosis diagnosis, int top) {
        Map<Explanation.StatedFact, Set<Evidence>> withoutEach = new LinkedHashMap<>();
        Map<String, Object> document = SymptomDocument.toMap(symptoms);
        for (String path : SymptomDocument.knownPaths(document)) {
            String answer = SymptomDocument.answerOf(document, path);
            withoutEach.put(new Explanation.StatedFact(path, answer, texts.byFact().containsKey(path)
                    ? texts.textOf(path) : ""), evidence.apply(symptomsOf(SymptomDocument.without(document, path))));
        }
        for (int i = 0; i < symptoms.tried().size(); i++) {
            TriedFix tried = symptoms.tried().get(i);
            Fix fix = knowledge.fixes().get(tried.fix());
            String answer = (fix == null ? tried.fix() : fix.title()) + ": "
                    + tried.result().name().toLowerCase(java.util.Locale.ROOT);
            withoutEach.put(new Explanation.StatedFact("tried[" + i + "]", answer, "Which fixes were tried, and did they help?"),
                    evidence.apply(symptomsOf(SymptomDocument.withoutTried(document, i))));
        }

        List<Explanation> explanations = new ArrayList<>();
        for (Cause cause : diagnosis.causes().subList(0, Math.min(top, diagnosis.causes().size()))) {
            List<Explanation.Finding> findings = new ArrayList<>();
            for (Evidence found : cause.evidence()) {
                List<Explanation.StatedFact> facts = new ArrayList<>();
                withoutEach.forEach((fact, remaining) -> {
                    if (!remaining.contains(found)) {
                        facts.add(fact);
                    }
                });
                findings.add(new Explanation.Finding(found, facts));
            }
            explanations.add(new Explanation(cause, findings));
        }
        return explanations;
    }

    private Symptoms symptomsOf(Map<String, Object> document) {
        return reader.fromMap("<explanation>", document).symptoms();
    }
}
