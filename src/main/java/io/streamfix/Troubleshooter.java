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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
 *
 * <p>A long-running tool can {@link #watch} the folder instead: edits are compiled in the background and
 * swapped in at once; a diagnosis already running finishes on the rules it started with, and an edit
 * that does not compile leaves the last good rules in force.
 */
public final class Troubleshooter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Troubleshooter.class);

    private final Path folder;
    /** The rules in force, with the reader that checks files against them: swapped as one. */
    private final AtomicReference<KnowledgeBase> rules;
    private final ReloadListener listener;
    private volatile RulesWatcher watcher;

    private Troubleshooter(Path folder, KnowledgeBase knowledgeBase, ReloadListener listener) {
        this.folder = folder;
        this.rules = new AtomicReference<>(knowledgeBase);
        this.listener = listener;
    }

    /**
     * Loads and compiles a rules folder ({@code *.drl} and {@code knowledge.yaml}).
     *
     * @throws RulesException when the rules do not compile or the data is wrong, with file and line
     */
    public static Troubleshooter load(Path rulesFolder) {
        return new Troubleshooter(rulesFolder, KnowledgeBase.load(rulesFolder), ReloadListener.NONE);
    }

    /**
     * Loads a rules folder and keeps watching it: each edit is compiled in the background and, when it
     * compiles, swapped in atomically. {@link #close()} stops watching.
     *
     * @param listener hears of each reload and each failed one (both are also logged)
     * @throws RulesException when the rules do not load in the first place
     */
    public static Troubleshooter watch(Path rulesFolder, ReloadListener listener) {
        Troubleshooter troubleshooter = new Troubleshooter(rulesFolder, KnowledgeBase.load(rulesFolder), listener);
        troubleshooter.watcher = new RulesWatcher(rulesFolder, troubleshooter::reloadIfChanged);
        return troubleshooter;
    }

    /**
     * Compiles the rules folder again now, and swaps the result in when it compiles.
     *
     * @return the rules now in force
     * @throws RulesException when the edited rules do not load; the previous rules stay in force
     */
    public KnowledgeBase reload() {
        KnowledgeBase fresh = KnowledgeBase.load(folder);
        rules.set(fresh);
        return fresh;
    }

    /** What the watcher runs: reload unless nothing that matters changed, and tell the listener. */
    private void reloadIfChanged() {
        try {
            if (KnowledgeBase.versionOf(folder).equals(knowledgeBase().version())) {
                return; // touched, not changed
            }
            KnowledgeBase after = reload();
            LOG.info("rules reloaded from {} (version {})", folder, after.version().substring(0, 12));
            listener.reloaded(after);
        } catch (RulesException e) {
            LOG.warn("the edited rules in {} do not load; the previous rules stay in force:\n{}", folder, e.getMessage());
            listener.failed(e);
        }
    }

    /**
     * Diagnoses a case, without questions: one run of the rules, the fast path for batches.
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(Symptoms symptoms) {
        return rules.get().diagnose(symptoms);
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
        return rules.get().diagnoseWithQuestions(symptoms);
    }

    /** How the top causes of a diagnosis were reached, fact by fact (see {@link KnowledgeBase#explain}). */
    public List<Explanation> explain(Symptoms symptoms, Diagnosis diagnosis, int top) {
        return rules.get().explain(symptoms, diagnosis, top);
    }

    /**
     * Reads a symptom file and diagnoses it, both with the same rules even during a reload.
     *
     * @throws InvalidSymptomsException when the file is not a valid symptom file, with every problem located
     */
    public Diagnosis diagnose(Path symptomFile) {
        KnowledgeBase current = rules.get();
        return current.diagnose(current.reader().read(symptomFile).symptoms());
    }

    /** Reads a symptom file, its {@code expect:} block included, checked against what these rules know. */
    public SymptomCase read(Path symptomFile) {
        return reader().read(symptomFile);
    }

    /** The reader that checks symptom files against what the rules in force know. */
    public SymptomsReader reader() {
        return rules.get().reader();
    }

    /** The compiled rules in force and their knowledge data. */
    public KnowledgeBase knowledgeBase() {
        return rules.get();
    }

    /** Stops watching the rules folder, if this troubleshooter watches it; diagnosing still works. */
    @Override
    public void close() {
        RulesWatcher running = watcher;
        if (running != null) {
            running.close();
        }
    }
}
