package io.streamfix.engine;

import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Question;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Works out which questions to ask, best first, with the rules themselves: for each unknown fact that
 * has a question in {@code questions.yaml}, it diagnoses the case once per possible answer and compares
 * each outcome with the diagnosis as it stands. So a new rule that uses a fact changes the questions
 * without any Java change. The order:
 * <ol>
 *   <li>a question with an answer that changes the next fix (or the status) comes first;</li>
 *   <li>then the one whose answers could shift a cause's confidence the most (the largest change of any
 *       one cause, then the largest total change over all causes);</li>
 *   <li>then one whose answers change only the rest of the advice (the plan, the steps shown, what to
 *       prepare for support);</li>
 *   <li>ties keep the order of {@code questions.yaml}.</li>
 * </ol>
 * A question whose answers change nothing at all is not asked. A resolved case asks nothing.
 *
 * <p>Costs one diagnosis per answer per unknown fact (about 30 with nothing known), on the one compiled
 * KIE base; the answers are set on the already-read document, nothing is parsed again.
 */
final class QuestionRanker {
    /** Where the tried answers come from, in problems (they are built here, so they cannot be wrong). */
    private static final String SOURCE = "<question>";

    private final Inference inference;
    private final SymptomsReader reader;
    private final QuestionTexts texts;

    QuestionRanker(Inference inference, SymptomsReader reader, QuestionTexts texts) {
        this.inference = inference;
        this.reader = reader;
        this.texts = texts;
    }

    /** How much the answers to one question could change the diagnosis. */
    private record Impact(Question question, boolean changesNextFix, double largestShift, double totalShift,
                          boolean changesAdvice, int fileOrder) {
        boolean changesAnything() {
            return changesNextFix || largestShift > 0 || changesAdvice;
        }
    }

    private static final Comparator<Impact> BEST_FIRST = Comparator
            .comparing(Impact::changesNextFix).reversed()
            .thenComparing(Comparator.comparingDouble(Impact::largestShift).reversed())
            .thenComparing(Comparator.comparingDouble(Impact::totalShift).reversed())
            .thenComparing(Comparator.comparing(Impact::changesAdvice).reversed())
            .thenComparingInt(Impact::fileOrder);

    /** The questions worth asking about {@code symptoms}, whose diagnosis is {@code current}, best first. */
    List<Question> rank(Symptoms symptoms, Diagnosis current) {
        if (current.status() == Status.RESOLVED) {
            return List.of();
        }
        Map<String, Object> document = SymptomDocument.toMap(symptoms);
        List<Impact> impacts = new ArrayList<>();
        int order = 0;
        for (Map.Entry<String, QuestionTexts.Text> entry : texts.byFact().entrySet()) {
            String fact = entry.getKey();
            order++;
            if (SymptomDocument.isKnown(document, fact)) {
                continue;
            }
            SymptomFact askable = SymptomFact.named(fact).orElseThrow();
            Question question = new Question(fact, entry.getValue().text(), entry.getValue().why(), askable.answers());
            Impact impact = impact(question, order, document, current);
            if (impact.changesAnything()) {
                impacts.add(impact);
            }
        }
        return impacts.stream().sorted(BEST_FIRST).map(Impact::question).toList();
    }

    private Impact impact(Question question, int order, Map<String, Object> document, Diagnosis current) {
        boolean changesNextFix = false;
        boolean changesAdvice = false;
        double largest = 0;
        double total = 0;
        Map<String, Double> before = confidences(current);
        for (String answer : question.answers()) {
            Diagnosis after = diagnose(document, question.fact(), answer);
            changesNextFix |= after.status() != current.status() || !Objects.equals(id(after.nextFix()), id(current.nextFix()));
            changesAdvice |= !after.plan().equals(current.plan()) || !Objects.equals(after.escalation(), current.escalation());
            Map<String, Double> now = confidences(after);
            Set<String> causes = new HashSet<>(before.keySet());
            causes.addAll(now.keySet());
            double sum = 0;
            for (String cause : causes) {
                double shift = Math.abs(now.getOrDefault(cause, 0.0) - before.getOrDefault(cause, 0.0));
                largest = Math.max(largest, shift);
                sum += shift;
            }
            total = Math.max(total, sum);
        }
        return new Impact(question, changesNextFix, largest, total, changesAdvice, order);
    }

    /** The diagnosis the case would get with one more fact. */
    Diagnosis diagnose(Map<String, Object> document, String fact, String answer) {
        return inference.run(reader.fromMap(SOURCE, SymptomDocument.withAnswer(document, fact, answer)).symptoms());
    }

    private static Map<String, Double> confidences(Diagnosis diagnosis) {
        Map<String, Double> confidences = new HashMap<>();
        for (Cause cause : diagnosis.causes()) {
            confidences.put(cause.id(), cause.confidence());
        }
        return confidences;
    }

    private static String id(FixAdvice fix) {
        return fix == null ? null : fix.id();
    }
}
