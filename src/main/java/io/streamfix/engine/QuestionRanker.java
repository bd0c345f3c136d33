package io.streamfix.engine;

import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Cause;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Evidence;
import io.streamfix.model.Question;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides what to ask next by value of information, with the rules themselves: for each fact the
 * case does not know, it diagnoses the case once per possible answer, and compares the expected
 * minutes to resolution without asking with the minutes of asking plus the expected minutes after the
 * answer (Heckerman, Breese &amp; Rommelse 1995, the expected cost of observation):
 * <pre>
 *   saves(q) = ECR(now) − [ minutes(q) + Σ_answers P(answer | known) · ECR(with that answer) ]
 * </pre>
 * A question is asked only when some answer changes the next step (another fix, or escalating): one
 * whose every answer leads to the same step is better asked after that step, when the step may have
 * ended the error already. Of those, one is asked only when it saves minutes (saves &gt; 0); the one that
 * saves most comes first, ties in the symptom file's order of facts. ECR is the plan's expected minutes
 * ({@link Diagnosis#expectedMinutes()}); {@code minutes(q)} comes from {@code questions.yaml}.
 * P(answer | known) = Σ_c P(c | known) · P(answer | c), where P(answer | c) is the answer's
 * baseline ({@code questions.yaml} {@code answers}) times the likelihood ratios of the evidence the
 * answer brings for c, normalised over the answers. The device type is also asked, last, when it is
 * unknown and the next fix's steps differ by device, since the steps cannot be shown without it.
 * Because it only runs the rules, a new rule in {@code rules/} changes the questions without any
 * Java change. A resolved case asks nothing.
 *
 * <p>Cost: one diagnosis per answer per unknown fact (about 30 for an empty case). The caller chooses how
 * they run: {@link KnowledgeBase#diagnoseWithQuestions} runs them as variants in one {@link CaseSession},
 * where each costs only what its answer changes. A plain {@link KnowledgeBase#diagnose} ranks no questions.
 */
final class QuestionRanker {
    /** A question with what ranks it. */
    private record Candidate(Question question, double saves, int order) {
    }

    private static final String DEVICE_TYPE = "device.type";

    private final QuestionTexts texts;
    private final Knowledge knowledge;
    /** Each answer of each askable fact as a case that knows only that, by fact path and answer. */
    private final Map<String, Map<String, Symptoms>> answers = new HashMap<>();

    QuestionRanker(QuestionTexts texts, Knowledge knowledge, SymptomsReader reader) {
        this.texts = texts;
        this.knowledge = knowledge;
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
        boolean deviceTypeAsked = false;
        for (int order = 0; order < SymptomFact.ALL.size(); order++) {
            SymptomFact fact = SymptomFact.ALL.get(order);
            if (!SymptomDocument.isKnown(document, fact.path())) {
                Candidate candidate = tryAnswers(symptoms, fact, current, order, diagnose);
                if (candidate != null) {
                    candidates.add(candidate);
                    deviceTypeAsked |= fact.path().equals(DEVICE_TYPE);
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::saves).reversed().thenComparingInt(Candidate::order));
        List<Question> questions = new ArrayList<>(candidates.size() + 1);
        candidates.forEach(candidate -> questions.add(candidate.question()));
        if (!deviceTypeAsked && symptoms.device().type() == null && current.nextFix() != null
                && knowledge.fixes().get(current.nextFix()).stepsDependOnDevice()) {
            SymptomFact type = SymptomFact.named(DEVICE_TYPE).orElseThrow();
            questions.add(new Question(DEVICE_TYPE, texts.textOf(DEVICE_TYPE), texts.whyOf(DEVICE_TYPE)
                    + " The steps of \"" + current.nextFixTitle() + "\" differ by device.", type.answers(), 0.0));
        }
        return questions;
    }

    /** The question about one fact, or {@code null} when asking it saves no minutes. */
    private Candidate tryAnswers(Symptoms symptoms, SymptomFact fact, Outcome current, int order,
                                 Function<Symptoms, Outcome> diagnose) {
        List<String> replies = fact.answers();
        Outcome[] outcomes = new Outcome[replies.size()];
        for (int j = 0; j < outcomes.length; j++) {
            outcomes[j] = diagnose.apply(symptoms.with(answers.get(fact.path()).get(replies.get(j))));
        }
        if (!changesTheNextStep(current, outcomes)) {
            return null; // asking after the next step is as good: the answer is still there if it fails
        }
        double[] chance = answerChances(fact, current, outcomes);
        double after = texts.minutesOf(fact.path());
        for (int j = 0; j < outcomes.length; j++) {
            after += chance[j] * outcomes[j].expectedMinutes();
        }
        double saves = current.expectedMinutes() - after;
        if (!(saves >= 0.005)) {
            return null; // saves nothing, or less than the hundredth of a minute it is shown with
        }
        List<String> consequences = new ArrayList<>();
        for (int j = 0; j < outcomes.length; j++) {
            consequences.add(String.format(Locale.ROOT, "\"%s\" (%d%% likely): %s, %s", replies.get(j),
                    Math.round(chance[j] * 100), summary(outcomes[j]), minutes(outcomes[j].expectedMinutes())));
        }
        String why = texts.whyOf(fact.path()) + String.format(Locale.ROOT,
                " Asking saves about %s on average: now %s, expected %s; with the answer, %s for asking, then %s.",
                minutes(saves), summary(current), minutes(current.expectedMinutes()), minutes(texts.minutesOf(fact.path())),
                String.join("; ", consequences));
        return new Candidate(new Question(fact.path(), texts.textOf(fact.path()), why, replies, round(saves)), saves, order);
    }

    /**
     * Whether some answer changes what to do next (another fix, or escalating instead). A question whose
     * every answer leads to the same next step is better asked after it: if that step ends the error,
     * the question was not needed; if it fails, the answer is as useful then.
     */
    private static boolean changesTheNextStep(Outcome current, Outcome[] outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome.status() != current.status() || !Objects.equals(outcome.nextFix(), current.nextFix())) {
                return true;
            }
        }
        return false;
    }

    /**
     * P(answer | known) for each answer: Σ_c P(c | known) · P(answer | c). P(answer | c) is the answer's
     * baseline times the likelihood ratios of the evidence that the answer adds for c (and of any evidence
     * it withdraws, inverted), normalised over the answers for each c.
     */
    private double[] answerChances(SymptomFact fact, Outcome current, Outcome[] outcomes) {
        int n = outcomes.length;
        double[] chance = new double[n];
        for (Cause cause : current.causes()) {
            double[] given = new double[n];
            double total = 0;
            for (int j = 0; j < n; j++) {
                given[j] = texts.baselineOf(fact.path(), fact.answers().get(j), n) * ratio(cause, outcomes[j]);
                total += given[j];
            }
            for (int j = 0; j < n; j++) {
                chance[j] += cause.confidence() * (total > 0 ? given[j] / total : 1.0 / n);
            }
        }
        double sum = 0;
        for (double value : chance) {
            sum += value;
        }
        for (int j = 0; j < n; j++) {
            chance[j] = sum > 0 ? chance[j] / sum : 1.0 / n;
        }
        return chance;
    }

    /** The product of the likelihood ratios an answer's outcome has for a cause that the current outcome lacks. */
    private static double ratio(Cause now, Outcome answered) {
        Cause then = null;
        for (Cause cause : answered.causes()) {
            if (cause.id().equals(now.id())) {
                then = cause;
            }
        }
        if (then == null) {
            return 0; // ruled out by the answer
        }
        double ratio = 1;
        for (Evidence found : then.evidence()) {
            if (!now.evidence().contains(found)) {
                ratio *= found.weight();
            }
        }
        for (Evidence gone : now.evidence()) {
            if (!then.evidence().contains(gone) && gone.weight() > 0) {
                ratio /= gone.weight();
            }
        }
        return ratio;
    }

    private static String summary(Outcome outcome) {
        return switch (outcome.status()) {
            case RESOLVED -> "resolved";
            case ESCALATE -> "escalate to " + outcome.escalationTo();
            case IN_PROGRESS -> outcome.nextFixTitle() == null ? "no fix" : "next \"" + outcome.nextFixTitle() + "\"";
        };
    }

    /** Minutes as people read them: "1.5 min". */
    static String minutes(double value) {
        return String.format(Locale.ROOT, value >= 10 ? "%.0f min" : "%.1f min", value);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
