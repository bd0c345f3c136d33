package io.streamfix.engine;

import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Question;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides what to ask next, with the rules themselves: for each fact the case does not know, it
 * diagnoses the case once per possible answer and compares each {@link Outcome} with the current one. A
 * question is worth asking when some answer changes the outcome; the questions come best first:
 * <ol>
 *   <li>those where an answer would change the next fix (or the status: resolved, escalate),</li>
 *   <li>then by how far an answer could move a cause's confidence (the largest change, in points),</li>
 *   <li>then in the symptom file's order of facts.</li>
 * </ol>
 * A question whose every answer leaves the status, the plan and every confidence as they are is not
 * asked. Because it only runs the rules, a new rule in {@code rules/} changes the questions without any
 * Java change. A resolved case asks nothing.
 *
 * <p>Cost: one diagnosis per answer per unknown fact (about 30 for an empty case). The caller chooses how
 * they run: {@link KnowledgeBase#diagnoseWithQuestions} runs them as variants in one {@link CaseSession},
 * where each costs only what its answer changes. A plain {@link KnowledgeBase#diagnose} ranks no questions.
 */
final class QuestionRanker {
    /** A question with what ranks it. */
    private record Candidate(Question question, boolean changesNextFix, double shift, int order) {
    }

    private final QuestionTexts texts;
    /** Each answer of each askable fact as a case that knows only that, by fact path and answer. */
    private final Map<String, Map<String, Symptoms>> answers = new HashMap<>();

    QuestionRanker(QuestionTexts texts, SymptomsReader reader) {
        this.texts = texts;
        // Read once, through the reader like any input; a variant is then the case with(answer).
        for (SymptomFact fact : SymptomFact.ALL) {
            for (String answer : fact.answers()) {
                Map<String, Object> document = SymptomDocument.withAnswer(Map.of(), fact.path(), answer);
                answers.computeIfAbsent(fact.path(), path -> new HashMap<>()).put(answer,
                        reader.fromMap("<answer " + fact.path() + ": " + answer + ">", document).symptoms());
            }
        }
    }

    /**
     * The questions worth asking about a case, best first.
     *
     * @param current  the case's outcome
     * @param diagnose the outcome of a variant of the case (one answer given)
     */
    List<Question> rank(Symptoms symptoms, Outcome current, Function<Symptoms, Outcome> diagnose) {
        if (current.status() == Status.RESOLVED) {
            return List.of();
        }
        Map<String, Object> document = SymptomDocument.toMap(symptoms);
        List<Candidate> candidates = new ArrayList<>();
        for (int order = 0; order < SymptomFact.ALL.size(); order++) {
            SymptomFact fact = SymptomFact.ALL.get(order);
            if (!SymptomDocument.isKnown(document, fact.path())) {
                Candidate candidate = tryAnswers(symptoms, fact, current, order, diagnose);
                if (candidate != null) {
                    candidates.add(candidate);
                }
            }
        }
        return candidates.stream()
                .sorted(Comparator.comparing(Candidate::changesNextFix).reversed()
                        .thenComparing(Comparator.comparingDouble(Candidate::shift).reversed())
                        .thenComparingInt(Candidate::order))
                .map(Candidate::question)
                .toList();
    }

    /** The question about one fact, or {@code null} when no answer changes anything. */
    private Candidate tryAnswers(Symptoms symptoms, SymptomFact fact, Outcome current, int order,
                                 Function<Symptoms, Outcome> diagnose) {
        boolean changesNextFix = false;
        boolean changesPlan = false;
        double shift = 0;
        List<String> consequences = new ArrayList<>();
        for (String answer : fact.answers()) {
            Symptoms answered = symptoms.with(answers.get(fact.path()).get(answer));
            Outcome outcome = diagnose.apply(answered);
            if (outcome.status() != current.status() || !Objects.equals(outcome.nextFix(), current.nextFix())) {
                changesNextFix = true;
                consequences.add("\"" + answer + "\" would make it " + summary(outcome));
            }
            changesPlan |= !outcome.plan().equals(current.plan());
            shift = Math.max(shift, current.largestShift(outcome));
        }
        if (!changesNextFix && !changesPlan && shift == 0) {
            return null;
        }
        String why = texts.whyOf(fact.path()) + (consequences.isEmpty()
                ? " The answer changes how likely the causes are (by up to " + Math.round(shift * 100) + " points)."
                : " Now the next step is " + summary(current) + "; " + String.join("; ", consequences) + ".");
        return new Candidate(new Question(fact.path(), texts.textOf(fact.path()), why, fact.answers()),
                changesNextFix, shift, order);
    }

    private static String summary(Outcome outcome) {
        return switch (outcome.status()) {
            case RESOLVED -> "resolved";
            case ESCALATE -> "escalate to " + outcome.escalationTo();
            case IN_PROGRESS -> outcome.nextFixTitle() == null ? "no fix" : "\"" + outcome.nextFixTitle() + "\"";
        };
    }
}
