package io.streamfix;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.RulesException;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Explanation;
import io.streamfix.model.Symptoms;

import java.nio.file.Path;
import java.util.List;

/**
 * The streamfix expert system, ready to diagnose: a rules folder loaded once, then shared. Thread-safe:
 * call {@link #diagnose} from any number of threads; each call runs in a session of its own on the one
 * compiled knowledge base.
 *
 * <pre>{@code
 * Troubleshooter troubleshooter = Troubleshooter.load(Path.of("rules"));
 * Diagnosis diagnosis = troubleshooter.diagnose(Path.of("facts/vpn-active-phone.yaml"));
 * System.out.println(diagnosis.status() + ": " + diagnosis.nextFix().title());
 * }</pre>
 */
public final class Troubleshooter {
    private final KnowledgeBase knowledgeBase;
    private final SymptomsReader reader;

    private Troubleshooter(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
        this.reader = knowledgeBase.reader();
    }

    /**
     * Loads and compiles a rules folder ({@code *.drl} and {@code knowledge.yaml}).
     *
     * @throws RulesException when the rules do not compile or the data is wrong, with file and line
     */
    public static Troubleshooter load(Path rulesFolder) {
        return new Troubleshooter(KnowledgeBase.load(rulesFolder));
    }

    /**
     * Diagnoses a case, without questions: one run of the rules, the fast path for batches.
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(Symptoms symptoms) {
        return knowledgeBase.diagnose(symptoms);
    }

    /**
     * Diagnoses a case and ranks the questions worth asking next ({@link Diagnosis#questions()}):
     * for a single case, a consultation or a server; it runs the rules once per possible answer.
     *
     * <pre>{@code
     * Diagnosis diagnosis = troubleshooter.diagnoseWithQuestions(troubleshooter.read(file).symptoms());
     * diagnosis.questions().forEach(q -> System.out.println(q.text() + " " + q.answers()));
     * }</pre>
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnoseWithQuestions(Symptoms symptoms) {
        return knowledgeBase.diagnoseWithQuestions(symptoms);
    }

    /** How the top causes of a diagnosis were reached, fact by fact (see {@link KnowledgeBase#explain}). */
    public List<Explanation> explain(Symptoms symptoms, Diagnosis diagnosis, int top) {
        return knowledgeBase.explain(symptoms, diagnosis, top);
    }

    /**
     * Reads a symptom file and diagnoses it.
     *
     * @throws InvalidSymptomsException when the file is not a valid symptom file, with every problem located
     */
    public Diagnosis diagnose(Path symptomFile) {
        return diagnose(reader.read(symptomFile).symptoms());
    }

    /** Reads a symptom file, its {@code expect:} block included, checked against what these rules know. */
    public SymptomCase read(Path symptomFile) {
        return reader.read(symptomFile);
    }

    /** The reader that checks symptom files against what these rules know. */
    public SymptomsReader reader() {
        return reader;
    }

    /** The compiled rules and their knowledge data. */
    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }
}
