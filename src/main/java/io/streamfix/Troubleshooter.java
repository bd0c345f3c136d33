package io.streamfix;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.RulesCache;
import io.streamfix.engine.RulesException;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Explanation;
import io.streamfix.model.Symptoms;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The streamfix expert system, ready to diagnose: a rules folder compiled once into one shared Drools
 * knowledge base. Thread-safe and without global state: share one instance and call {@code diagnose}
 * from any number of threads; each call runs in a fresh session of its own. The result is the
 * {@link Diagnosis} that {@code streamfix diagnose --format json} prints.
 *
 * <pre>{@code
 * Troubleshooter troubleshooter = Troubleshooter.bundled();            // or load(Path.of("rules"))
 * Diagnosis fromFile = troubleshooter.diagnose(Path.of("facts/vpn-active-phone.yaml"));
 * Diagnosis fromText = troubleshooter.diagnose("ticket-4711", "{\"network\": {\"vpn_active\": true}}");
 * Diagnosis fromMap  = troubleshooter.diagnose(Map.of("network", Map.of("vpn_active", true)));
 * Diagnosis built    = troubleshooter.diagnose(Troubleshooter.symptoms().vpnActive(true));
 * System.out.println(built.status() + ": " + built.nextFix().title());
 * }</pre>
 *
 * <p>Every {@code diagnose} throws {@link InvalidSymptomsException} for a case that is not valid (every
 * problem located, as for a file) and {@link RuleFault} when a rule fails while running.
 *
 * <p>A long-running tool can {@link #watch} the folder instead: edits are compiled in the background and
 * swapped in at once; a diagnosis already running finishes on the rules it started with, and an edit
 * that does not compile leaves the last good rules in force.
 */
public final class Troubleshooter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Troubleshooter.class);

    /** The name problems carry for a case given as a map or built in code. */
    private static final String MAP_SOURCE = "<symptoms>";

    private final Path folder;
    /** The rules in force, with the reader that checks files against them: swapped as one. */
    private final AtomicReference<KnowledgeBase> rules;
    private final ReloadListener listener;
    private volatile RulesWatcher watcher;
    /** Whether the newest reload failed: undoing that edit then is news, though nothing is reloaded. */
    private volatile boolean reloadFailed;

    /** Rules of an embedding tool's own, compiled with the folder's (see {@link #load(Path, Path...)}). */
    private final List<Path> extraRules;

    private Troubleshooter(Path folder, KnowledgeBase knowledgeBase, ReloadListener listener) {
        this(folder, List.of(), knowledgeBase, listener);
    }

    private Troubleshooter(Path folder, List<Path> extraRules, KnowledgeBase knowledgeBase, ReloadListener listener) {
        this.folder = folder;
        this.extraRules = List.copyOf(extraRules);
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
     * Loads a rules folder with rules of your own compiled into the same KIE base: DRL files, or folders
     * of them. Their rules see every fact of a case (the symptoms as {@code Device}, {@code Network},
     * {@code Observations}, {@code TriedFix}; the knowledge as {@code KnownCause}, {@code Fix}) and all
     * that streamfix's rules derive ({@code Evidence}, {@code Cause}, {@code PlanStep},
     * {@code Escalation}, {@code Resolution}), as well as facts you insert into a {@link #newSession}; what
     * they derive changes the {@link Diagnosis}. Put a rule in the rule group it follows
     * ({@code ruleflow-group "escalation"} to decide how a case ends: see the README, "Embedding").
     *
     * <pre>{@code
     * Troubleshooter desk = Troubleshooter.load(Path.of("rules"), Path.of("desk/premium.drl"));
     * }</pre>
     *
     * @throws RulesException when the rules do not compile or the data is wrong, with file and line
     */
    public static Troubleshooter load(Path rulesFolder, Path... extraRules) {
        List<Path> extras = List.of(extraRules);
        return new Troubleshooter(rulesFolder, extras, KnowledgeBase.load(rulesFolder, extras), ReloadListener.NONE);
    }

    /**
     * The bundled rules with rules of your own, as {@link #load(Path, Path...)} does for a folder.
     *
     * @throws RulesException when the extra rules do not compile
     */
    public static Troubleshooter bundled(Path... extraRules) {
        if (extraRules.length == 0) {
            return bundled();
        }
        List<Path> extras = List.of(extraRules);
        KnowledgeBase bundled = KnowledgeBase.bundled(extras);
        return new Troubleshooter(bundled.folder(), extras, bundled, ReloadListener.NONE);
    }

    /**
     * Loads a rules folder, taking its compiled rules from {@code cache} when its DRL is unchanged since
     * they were stored there (what the CLI does to start fast). An edited folder is compiled afresh.
     *
     * @throws RulesException when the rules do not compile or the data is wrong, with file and line
     */
    public static Troubleshooter load(Path rulesFolder, RulesCache cache) {
        return new Troubleshooter(rulesFolder, KnowledgeBase.load(rulesFolder, cache), ReloadListener.NONE);
    }

    /**
     * Loads the rules bundled in the streamfix jar: the project's {@code rules/} folder as it was at build
     * time, compiled now. For a support tool that does not maintain rules of its own.
     *
     * @throws RulesException when the bundled rules cannot be read (a broken build)
     */
    public static Troubleshooter bundled() {
        KnowledgeBase bundled = KnowledgeBase.bundled();
        return new Troubleshooter(bundled.folder(), bundled, ReloadListener.NONE);
    }

    /** A builder for a case given field by field; pass it to {@link #diagnose(SymptomsBuilder)}. */
    public static SymptomsBuilder symptoms() {
        return new SymptomsBuilder();
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
        KnowledgeBase fresh = KnowledgeBase.load(folder, extraRules);
        rules.set(fresh);
        return fresh;
    }

    /** What the watcher runs: reload unless nothing that matters changed, and tell the listener. */
    private void reloadIfChanged() {
        try {
            KnowledgeBase current = knowledgeBase();
            if (KnowledgeBase.versionOf(folder).equals(current.version())) {
                if (reloadFailed) { // the bad edit was undone
                    reloadFailed = false;
                    LOG.info("the rules in {} load again: the folder holds the rules in force", folder);
                    listener.restored(current);
                }
                return; // touched, not changed
            }
            KnowledgeBase after = reload();
            reloadFailed = false;
            LOG.info("rules reloaded from {} (version {})", folder, after.version().substring(0, 12));
            listener.reloaded(after);
        } catch (RulesException e) {
            reloadFailed = true;
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
     * for a single case, a consultation or a server; it tries every possible answer of every unknown fact
     * on the case (see {@link KnowledgeBase#diagnoseWithQuestions}).
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

    /**
     * A fresh KIE session of the rules in force, ready for a case: the knowledge facts and the case's
     * facts inserted, the rule groups in focus in their order. Insert facts of your own (an account, a
     * ticket) for your own rules to read, then call {@link #diagnose(KieSession)}, or
     * {@code fireAllRules()} and then {@code diagnose(session)} to read the result. Not thread-safe, like
     * any KIE session: one per case and thread; {@code dispose()} it when done.
     *
     * <pre>{@code
     * KieSession session = troubleshooter.newSession(troubleshooter.read(file).symptoms());
     * try {
     *     session.insert(new Account("4711", "premium"));
     *     Diagnosis diagnosis = troubleshooter.diagnose(session);
     * } finally {
     *     session.dispose();
     * }
     * }</pre>
     */
    public KieSession newSession(Symptoms symptoms) {
        return rules.get().newSession(symptoms);
    }

    /**
     * Runs what is pending in a session that holds streamfix's rules, rule group by rule group, and reads
     * its {@link Diagnosis}: a session of {@link #newSession}, or one opened from the kjar
     * ({@code streamfix-session}, with a {@code Symptoms} fact or the case's facts inserted). Reads
     * without firing again when the session has already run.
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(KieSession session) {
        return rules.get().diagnose(session);
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

    /**
     * Diagnoses a case given as YAML or JSON text (JSON is YAML too), e.g. the body of a request.
     *
     * @param source the name problems carry, e.g. a ticket number
     * @param text   the symptom document
     * @throws InvalidSymptomsException when the text is not a valid symptom document
     */
    public Diagnosis diagnose(String source, String text) {
        KnowledgeBase current = rules.get();
        return current.diagnose(current.reader().read(source, text).symptoms());
    }

    /**
     * Diagnoses a case given as a map with the field names of a symptom file
     * ({@code Map.of("network", Map.of("vpn_active", true))}).
     *
     * @throws InvalidSymptomsException when the map is not a valid symptom document (problems name the field)
     */
    public Diagnosis diagnose(Map<String, ?> symptoms) {
        KnowledgeBase current = rules.get();
        return current.diagnose(current.reader().fromMap(MAP_SOURCE, symptoms).symptoms());
    }

    /**
     * Diagnoses a case built with {@link #symptoms()}.
     *
     * @throws InvalidSymptomsException when a value is not one the rules know, e.g. an unknown fix id
     */
    public Diagnosis diagnose(SymptomsBuilder symptoms) {
        return diagnose(symptoms.toMap());
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
