package io.streamfix.consultation;

import io.streamfix.Troubleshooter;
import io.streamfix.engine.TimeBudget;
import io.streamfix.input.SymptomDocument;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.Question;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The state of one consultation, without any I/O: the facts gathered so far, what was skipped, and the
 * history that {@link #back()} returns through. A terminal front end ({@code streamfix consult}) or a web
 * page drives it the same way: look at {@link #step()}, then answer the {@link #question()}, or report
 * whether the {@link #fix()} helped. Every change re-diagnoses the case through the one
 * {@link Troubleshooter}. Not thread-safe: one consultation serves one viewer.
 *
 * <pre>{@code
 * Consultation consultation = new Consultation(troubleshooter, troubleshooter.read(file).symptoms());
 * while (consultation.step() == Consultation.Step.QUESTION) {
 *     consultation.answer("no");                   // one of consultation.question().answers()
 * }
 * consultation.fixTried(false);                    // the fix shown by consultation.fix() did not help
 * String yaml = consultation.toYaml();             // the facts gathered, as a symptom file
 * }</pre>
 */
public final class Consultation {
    /** Where the consultation stands. */
    public enum Step {
        /** A question is waiting for an answer: {@link #question()}. */
        QUESTION,
        /** Nothing more to ask: try the {@link #fix()} and say whether it helped. */
        FIX,
        /** A fix helped: the case is closed. */
        RESOLVED,
        /** Nothing left to try: the diagnosis says whom to contact. */
        ESCALATE,
        /** Every fix left was skipped: come back when one of them can be tried. */
        STUCK
    }

    /** One point in the consultation: the facts as a symptom document, and what was skipped. */
    private record State(Map<String, Object> document, Set<String> skippedFacts, Set<String> skippedFixes) {
    }

    private static final String SOURCE = "<consultation>";

    private final Troubleshooter troubleshooter;
    /** The budget of each diagnosis; {@code null}: none (a rule that never returns hangs the caller). */
    private final TimeBudget budget;
    private final Deque<State> history = new ArrayDeque<>();
    private State state;
    private Symptoms symptoms;
    private Diagnosis diagnosis;

    /** Starts a consultation from what is known (a case read from a file, or nothing), without a time budget. */
    public Consultation(Troubleshooter troubleshooter, Symptoms start) {
        this(troubleshooter, start, null);
    }

    /**
     * Starts a consultation whose every diagnosis runs under {@code budget}: a rule that does not return
     * in time ends the step with a {@link io.streamfix.engine.RuleTimeout} naming it. The facts then
     * still hold the answer that led to it ({@link #symptoms()}, {@link #toYaml()}), so that nothing the
     * viewer said is lost.
     */
    public Consultation(Troubleshooter troubleshooter, Symptoms start, TimeBudget budget) {
        this.troubleshooter = troubleshooter;
        this.budget = budget;
        enter(new State(SymptomDocument.toMap(start), Set.of(), Set.of()));
    }

    /** Where the consultation stands now. */
    public Step step() {
        if (diagnosis.status() == Status.RESOLVED) {
            return Step.RESOLVED;
        }
        if (diagnosis.status() == Status.ESCALATE) {
            return Step.ESCALATE;
        }
        if (question().isPresent()) {
            return Step.QUESTION;
        }
        return fix().isPresent() ? Step.FIX : Step.STUCK;
    }

    /** The best question not yet answered or skipped, if any. */
    public Optional<Question> question() {
        return diagnosis.questions().stream()
                .filter(q -> !state.skippedFacts().contains(q.fact()))
                .findFirst();
    }

    /** The fix to try now: the first of the plan not skipped, when no question is left. */
    public Optional<FixAdvice> fix() {
        return diagnosis.plan().stream().filter(f -> !state.skippedFixes().contains(f.id())).findFirst();
    }

    /** The diagnosis of the facts gathered so far, with its questions. */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** The facts gathered so far. */
    public Symptoms symptoms() {
        return symptoms;
    }

    /**
     * The answer, as the question's answers spell it, to a reply: case and surrounding spaces do not
     * matter, and {@code y}/{@code n} stand for {@code yes}/{@code no}. Empty when it is no answer.
     */
    public static Optional<String> normalize(Question question, String reply) {
        String typed = reply.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        String answer = switch (typed) {
            case "y" -> "yes";
            case "n" -> "no";
            default -> typed;
        };
        return question.answers().contains(answer) ? Optional.of(answer) : Optional.empty();
    }

    /**
     * Answers the current question.
     *
     * @param reply one of the question's answers (see {@link #normalize})
     * @throws IllegalStateException    when no question is waiting
     * @throws IllegalArgumentException when the reply is not one of its answers
     */
    public void answer(String reply) {
        Question question = question().orElseThrow(() -> new IllegalStateException("no question is waiting"));
        String answer = normalize(question, reply).orElseThrow(() -> new IllegalArgumentException(
                "\"" + reply.strip() + "\" is not an answer; answer one of: " + String.join(", ", question.answers())));
        move(new State(SymptomDocument.withAnswer(state.document(), question.fact(), answer),
                state.skippedFacts(), state.skippedFixes()));
    }

    /**
     * Records a detail the viewer gives outside the ranked questions: the device type before the first
     * fix (its steps depend on it), the model and the provider before an escalation (the checklist
     * needs them). Undone by {@link #back()} like an answer.
     *
     * @param path  {@code device.type}, {@code device.model} or {@code network.isp}
     * @param value the value as the symptom file writes it, e.g. {@code smart_tv}
     * @throws io.streamfix.input.InvalidSymptomsException when the value is not one the file accepts
     */
    public void detail(String path, String value) {
        Map<String, Object> document = SymptomDocument.withText(state.document(), path, value.strip());
        troubleshooter.reader().fromMap(SOURCE, document); // checked before it counts
        move(new State(document, state.skippedFacts(), state.skippedFixes()));
    }

    /** What the diagnosis would be with the current question answered so: for "why". */
    public Diagnosis whatIf(String answer) {
        Question question = question().orElseThrow(() -> new IllegalStateException("no question is waiting"));
        Symptoms tried = troubleshooter.reader()
                .fromMap(SOURCE, SymptomDocument.withAnswer(state.document(), question.fact(), answer)).symptoms();
        return diagnosed(() -> troubleshooter.diagnose(tried));
    }

    /** Skips the current question (it is not asked again), or, when none is left, the current fix. */
    public void skip() {
        Optional<Question> question = question();
        if (question.isPresent()) {
            move(new State(state.document(), plus(state.skippedFacts(), question.get().fact()), state.skippedFixes()));
        } else {
            FixAdvice fix = fix().orElseThrow(() -> new IllegalStateException("nothing to skip"));
            move(new State(state.document(), state.skippedFacts(), plus(state.skippedFixes(), fix.id())));
        }
    }

    /** Whether the question about {@code fact} (a symptom file path, e.g. {@code device.type}) was skipped. */
    public boolean skipped(String fact) {
        return state.skippedFacts().contains(fact);
    }

    /**
     * Records whether the current fix helped, under {@code tried:}.
     *
     * @throws IllegalStateException when no fix is waiting
     */
    public void fixTried(boolean helped) {
        FixAdvice fix = fix().orElseThrow(() -> new IllegalStateException("no fix is waiting"));
        move(new State(SymptomDocument.withTried(state.document(), fix.id(), helped ? "helped" : "failed"),
                state.skippedFacts(), state.skippedFixes()));
    }

    /** Undoes the last answer, skip or fix result. False when there is nothing to undo. */
    public boolean back() {
        if (history.isEmpty()) {
            return false;
        }
        enter(history.pop());
        return true;
    }

    /** The facts gathered so far as a symptom file (YAML) that {@code streamfix diagnose} reads. */
    public String toYaml() {
        return SymptomDocument.toYaml(symptoms);
    }

    private void move(State next) {
        history.push(state);
        enter(next);
    }

    private void enter(State next) {
        Symptoms entered = troubleshooter.reader().fromMap(SOURCE, next.document()).symptoms();
        // The facts first: when the diagnosis fails (a rule past its budget), they are still kept.
        symptoms = entered;
        diagnosis = diagnosed(() -> troubleshooter.diagnoseWithQuestions(entered));
        state = next;
    }

    private Diagnosis diagnosed(Supplier<Diagnosis> work) {
        return budget == null ? work.get() : budget.run(work);
    }

    private static Set<String> plus(Set<String> set, String item) {
        Set<String> copy = new HashSet<>(set);
        copy.add(item);
        return Set.copyOf(copy);
    }

    /** The answers a question accepts, for prompts: {@code yes/no}. */
    public static String choices(Question question) {
        return String.join("/", question.answers());
    }
}
