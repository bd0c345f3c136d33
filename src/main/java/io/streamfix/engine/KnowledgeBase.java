package io.streamfix.engine;

import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Explanation;
import io.streamfix.model.Question;
import io.streamfix.model.Symptoms;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A rules folder, compiled: the Drools rules ({@code *.drl}) and the knowledge data
 * ({@code knowledge.yaml}). Built once, then shared: {@link #diagnose} is thread-safe and runs each
 * diagnosis in a fresh session of the one shared KIE base.
 *
 * <pre>{@code
 * KnowledgeBase rules = KnowledgeBase.load(Path.of("rules"));
 * Diagnosis diagnosis = rules.diagnose(symptoms);
 * }</pre>
 */
public final class KnowledgeBase {
    /** Where rule files go inside the in-memory KIE module; mapped back to the real paths in messages. */
    private static final String KIE_ROOT = "src/main/resources/streamfix/";
    private static final AtomicLong BUILDS = new AtomicLong();

    private final Path folder;
    private final String version;
    private final Instant loadedAt;
    private final KieBase kieBase;
    private final Knowledge knowledge;
    private final Likelihoods likelihoods;
    private final Inference inference;
    private final QuestionTexts questionTexts;
    private final QuestionRanker questionRanker;
    private final Explainer explainer;
    private final SymptomsReader reader;
    private final List<RuleProblem> warnings;

    private KnowledgeBase(Path folder, String version, KieBase kieBase, Knowledge knowledge,
                          Likelihoods likelihoods, QuestionTexts questionTexts, List<RuleProblem> warnings) {
        this.folder = folder;
        this.warnings = List.copyOf(warnings);
        this.version = version;
        this.loadedAt = Instant.now();
        this.kieBase = kieBase;
        this.knowledge = knowledge;
        this.likelihoods = likelihoods;
        this.inference = new Inference(kieBase, knowledge, likelihoods);
        this.questionTexts = questionTexts;
        // Questions and explanations try variants of a case given as a document: the reader turns
        // them back into symptoms, checked like any input.
        this.reader = new SymptomsReader(knowledge.errorCodes(), knowledge.fixes().keySet(),
                knowledge.causes().keySet());
        this.questionRanker = new QuestionRanker(questionTexts, knowledge, reader);
        this.explainer = new Explainer(inference::evidence, questionTexts, knowledge, reader);
    }

    /**
     * Compiles the rules of a folder: every {@code .drl} file under it, its {@code knowledge.yaml} and,
     * if there is one, its {@code questions.yaml}.
     *
     * @throws RulesException listing every compile error and data problem, with file and line
     */
    public static KnowledgeBase load(Path folder) {
        return load(folder, (RulesCache) null);
    }

    /**
     * Like {@link #load(Path)}, but takes the compiled rules from {@code cache} when the folder's DRL is
     * unchanged since it was stored there, and stores them there otherwise.
     *
     * @param cache the compiled-rules cache, or {@code null} to always compile
     * @throws RulesException listing every compile error and data problem, with file and line
     */
    public static KnowledgeBase load(Path folder, RulesCache cache) {
        return load(folder, cache, List.of());
    }

    /**
     * Like {@link #load(Path)}, with rules of the caller's own compiled into the same KIE base: DRL files,
     * or folders whose {@code .drl} files are taken. Their rules see every fact streamfix's rules see and
     * derive ({@code Cause}, {@code PlanStep}, {@code Escalation}, the case's {@code Device},
     * {@code Network}, {@code Observations} and {@code TriedFix}) and can change the outcome.
     *
     * <pre>{@code
     * KnowledgeBase rules = KnowledgeBase.load(Path.of("rules"), List.of(Path.of("desk/premium.drl")));
     * }</pre>
     *
     * @throws RulesException listing every compile error and data problem, with file and line
     */
    public static KnowledgeBase load(Path folder, List<Path> extraRules) {
        return load(folder, null, extraRules);
    }

    private static KnowledgeBase load(Path folder, RulesCache cache, List<Path> extraRules) {
        if (!Files.isDirectory(folder)) {
            throw new RulesException(List.of(RuleProblem.error(folder.toString(), 0, 0,
                    "not a rules folder (it should hold *.drl files and " + Knowledge.FILE_NAME + ")")));
        }
        Path dataFile = folder.resolve(Knowledge.FILE_NAME);
        if (!Files.isRegularFile(dataFile)) {
            throw new RulesException(List.of(RuleProblem.error(dataFile.toString(), 0, 0,
                    "missing: every rules folder needs its knowledge data file")));
        }
        List<Path> extraFiles = new ArrayList<>();
        for (Path extra : extraRules) {
            if (Files.isDirectory(extra)) {
                extraFiles.addAll(ruleFiles(extra));
            } else if (Files.isRegularFile(extra)) {
                extraFiles.add(extra);
            } else {
                throw new RulesException(List.of(RuleProblem.error(extra.toString(), 0, 0,
                        "no such rules file or folder (extra rules are .drl files or folders of them)")));
            }
        }
        String version = extraFiles.isEmpty() ? RulesVersion.of(folder) : RulesVersion.of(folder, extraFiles);
        List<Path> drlFiles = new ArrayList<>(ruleFiles(folder));
        drlFiles.addAll(extraFiles);
        // The compiled rules (from the cache, or compiled) load on a thread of their own while the data
        // files are read: in a cold start each takes about a fifth of the time, and there are two cores.
        FutureTask<KieBase> compiled = new FutureTask<>(() -> cache == null ? compile(folder, drlFiles)
                : cache.get(version, () -> compile(folder, drlFiles)));
        Thread loader = new Thread(compiled, "streamfix-rules-loader");
        loader.setDaemon(true);
        loader.start();
        // Both halves are checked before failing, so one run reports every problem of the folder.
        List<RuleProblem> problems = new ArrayList<>();
        Knowledge knowledge = null;
        Likelihoods likelihoods = null;
        QuestionTexts questions = null;
        KieBase kieBase = null;
        try {
            knowledge = Knowledge.read(dataFile);
        } catch (RulesException e) {
            problems.addAll(e.problems());
        }
        if (knowledge != null) {
            try {
                likelihoods = Likelihoods.readFolder(folder, knowledge.causes().keySet());
            } catch (RulesException e) {
                problems.addAll(e.problems());
            }
        }
        try {
            questions = QuestionTexts.readFolder(folder);
        } catch (RulesException e) {
            problems.addAll(e.problems());
        }
        try {
            kieBase = compiled.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RulesException broken) {
                problems.addAll(broken.problems());
            } else if (e.getCause() instanceof RuntimeException unexpected) {
                throw unexpected;
            } else if (e.getCause() instanceof Error error) {
                throw error;
            } else {
                throw new IllegalStateException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the rules of " + folder, e);
        }
        // What `streamfix check` calls an error stops the load here, for every caller: a misspelt cause
        // id compiles, but its evidence would silently count for nothing.
        List<RuleProblem> warnings = new ArrayList<>();
        for (RuleProblem found : RulesCheck.textProblems(folder, drlFiles, knowledge, likelihoods,
                List.copyOf(problems))) {
            (found.warning() ? warnings : problems).add(found);
        }
        if (kieBase != null && likelihoods != null) {
            problems.addAll(unknownRules(folder.resolve(Likelihoods.FILE_NAME), likelihoods, kieBase));
        }
        if (!problems.isEmpty()) {
            throw new RulesException(problems, warnings);
        }
        return new KnowledgeBase(folder, version, kieBase, knowledge, likelihoods, questions, warnings);
    }

    /** What {@code streamfix check} warns about in these rules: it does not stop them from loading. */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /** A rule name in the likelihoods file that no rule has: a typo, or a rule renamed or removed. */
    private static List<RuleProblem> unknownRules(Path file, Likelihoods likelihoods, KieBase kieBase) {
        List<String> names = new ArrayList<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(rule -> names.add(rule.getName())));
        List<RuleProblem> problems = new ArrayList<>();
        YamlPositions at = null;
        for (String rule : likelihoods.byRule().keySet()) {
            if (!names.contains(rule)) {
                if (at == null) {
                    try {
                        at = YamlPositions.of(Files.readString(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                problems.add(at.problem(file.toString(), rule, "no rule is named \"" + rule + "\""
                        + io.streamfix.input.Suggestions.didYouMean(rule, names)
                        + ": each key is the name of a rule of the .drl files", false));
            }
        }
        return problems;
    }

    /**
     * The version a folder's rules would have if loaded now: lets a watcher skip a reload when an editor
     * touched a file without changing it.
     */
    public static String versionOf(Path folder) {
        return RulesVersion.of(folder);
    }

    /**
     * Compiles the rules bundled in the streamfix jar (the project's {@code rules/} at build time).
     *
     * @throws RulesException when they cannot be read or do not compile (a broken build)
     */
    public static KnowledgeBase bundled() {
        return load(BundledRules.folder());
    }

    /** The bundled rules with extra rules of the caller's own (see {@link #load(Path, List)}). */
    public static KnowledgeBase bundled(List<Path> extraRules) {
        return load(BundledRules.folder(), extraRules);
    }

    /** The {@code .drl} files of a folder and its subfolders, in a stable order. */
    static List<Path> ruleFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".drl") && Files.isRegularFile(f))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KieBase compile(Path folder, List<Path> drlFiles) {
        KieServices kie = KieServices.get();
        // A release id of its own per build, so that builds of several folders (or reloads) never mix.
        ReleaseId releaseId = kie.newReleaseId("io.streamfix.rules", "rules-" + BUILDS.incrementAndGet(), "1.0.0");
        KieFileSystem files = kie.newKieFileSystem().generateAndWritePomXML(releaseId);
        Map<String, Path> sources = new HashMap<>();
        for (Path drl : drlFiles) {
            // A file from outside the folder (extra rules) gets a place of its own in the module.
            String relative = drl.startsWith(folder) ? folder.relativize(drl).toString()
                    : "extra/" + sources.size() + "/" + drl.getFileName();
            String kiePath = KIE_ROOT + relative.replace('\\', '/');
            sources.put(kiePath, drl);
            try {
                files.write(kiePath, Files.readString(drl));
            } catch (IOException e) {
                throw new RulesException(List.of(RuleProblem.error(drl.toString(), 0, 0, "cannot read: " + e.getMessage())));
            }
        }
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<RuleProblem> errors = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            if (message.getText() != null && message.getText().startsWith("Parser returned a null Package")) {
                continue; // follows every syntax error, which is reported with its line
            }
            Path source = sourceOf(message.getPath(), sources);
            if (source == null) {
                errors.add(new RuleProblem(folder.toString(), 0, 0, oneLine(message.getText()), false));
            } else {
                errors.add(DrlMessages.problem(source.toString(), text(source), message.getLine(),
                        message.getColumn(), oneLine(message.getText())));
            }
        }
        if (!errors.isEmpty()) {
            throw new RulesException(errors);
        }
        try {
            return kie.newKieContainer(releaseId).getKieBase();
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }

    /** The real file behind a KIE path; Drools reports it with or without the resources prefix. */
    private static Path sourceOf(String kiePath, Map<String, Path> sources) {
        if (kiePath == null) {
            return null;
        }
        return sources.entrySet().stream()
                .filter(e -> e.getKey().equals(kiePath) || e.getKey().endsWith("/" + kiePath))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String text(Path drl) {
        try {
            return Files.readString(drl);
        } catch (IOException e) {
            return "";
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Diagnoses one case, without questions ({@link Diagnosis#questions()} is {@code null}): the fast path,
     * one run of the rules, for batches. Thread-safe: each call runs in a session of its own.
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(Symptoms symptoms) {
        return inference.run(symptoms);
    }

    /**
     * Diagnoses one case and works out what to ask next ({@link Diagnosis#questions()}, best first; see
     * {@link QuestionRanker}). The case stays open in one session while each possible answer of each
     * unknown fact is tried on it ({@link CaseSession}): about 20 variants for a case that knows two
     * facts, each costing only the changes its answer makes: 4 to 6 plain diagnoses' worth in the
     * benchmarks.
     * Thread-safe.
     *
     * <pre>{@code
     * Diagnosis diagnosis = rules.diagnoseWithQuestions(symptoms);
     * Question best = diagnosis.questions().isEmpty() ? null : diagnosis.questions().get(0);
     * }</pre>
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnoseWithQuestions(Symptoms symptoms) {
        try (CaseSession open = inference.open(symptoms)) {
            if (open.sound()) {
                List<Question> questions = questionRanker.rank(symptoms, Outcome.of(open.diagnosis()), open::outcomeIf);
                if (open.sound()) {
                    return open.diagnosis().withQuestions(questions);
                }
            }
        } catch (RuleFault fault) {
            // A rule failed on some answer: the fresh runs below fail the same way and name every rule
            // that fired before it, which a variant of the open session does not record.
        }
        // The rules do something one open session cannot follow (see CaseSession): a fresh run each.
        Diagnosis diagnosis = inference.run(symptoms);
        return diagnosis.withQuestions(questionRanker.rank(symptoms, Outcome.of(diagnosis),
                variant -> Outcome.of(inference.run(variant))));
    }

    /**
     * The rules that did not return within a diagnosis's time budget (see {@link TimeBudget}): set aside,
     * so that diagnoses reaching them fail at once, until these rules are replaced by a reload. An empty
     * name stands for a when-part that did not return, which sets every rule aside.
     */
    public Set<String> runawayRules() {
        return inference.setAside();
    }

    /**
     * A fresh session of these rules, ready for a case: the knowledge facts and the case's facts inserted,
     * the rule groups in focus in their order, the rules that fire recorded. Insert facts of your own,
     * then {@code fireAllRules()} (or {@link #diagnose(KieSession)}, which also reads the result). Not
     * thread-safe, like any KIE session; {@code dispose()} it when done.
     *
     * <pre>{@code
     * KieSession session = rules.newSession(symptoms);
     * session.insert(new Account("4711", "premium"));   // a fact the tool's own rules read
     * Diagnosis diagnosis = rules.diagnose(session);
     * session.dispose();
     * }</pre>
     */
    public KieSession newSession(Symptoms symptoms) {
        return inference.openCase(symptoms);
    }

    /**
     * Runs whatever is pending in a session that holds streamfix's rules, in the order of its rule groups,
     * and reads the {@link Diagnosis} its facts make: a session of {@link #newSession}, or one of the kjar
     * ({@code streamfix-session}) with a {@code Symptoms} fact or the case's facts inserted. Knowledge
     * facts missing from the session are inserted first.
     *
     * @throws RuleFault when a rule fails while running, or the rules do not settle
     */
    public Diagnosis diagnose(KieSession session) {
        return inference.diagnose(session);
    }

    /** The runs of the rules behind this knowledge base (for tests of the engine). */
    Inference inference() {
        return inference;
    }

    /**
     * How the first {@code top} causes of a diagnosis were reached: each piece of evidence with the facts
     * it came from (see {@link Explainer}). Costs one more run of the rules per known fact. Thread-safe.
     *
     * @param symptoms  the case
     * @param diagnosis its diagnosis, from {@link #diagnose} or {@link #diagnoseWithQuestions}
     * @param top       how many causes to explain
     */
    public List<Explanation> explain(Symptoms symptoms, Diagnosis diagnosis, int top) {
        return explainer.explain(symptoms, diagnosis, top);
    }

    /** How to ask about each fact ({@code questions.yaml}). */
    public QuestionTexts questionTexts() {
        return questionTexts;
    }

    /** The reader that checks symptom files and documents against what these rules know. */
    public SymptomsReader reader() {
        return reader;
    }

    /** The evidence rules' likelihood ratios ({@code likelihoods.yaml}). */
    public Likelihoods likelihoods() {
        return likelihoods;
    }

    /** The knowledge data: error codes, causes and fixes. */
    public Knowledge knowledge() {
        return knowledge;
    }

    /** The version of the rules: a hash of the folder's rule and data files (64 hex digits). */
    public String version() {
        return version;
    }

    /** When these rules were loaded. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** The folder these rules were loaded from. */
    public Path folder() {
        return folder;
    }

    /**
     * The compiled Drools rules, shared by every diagnosis. Its sessions need the knowledge facts and the
     * rule groups in focus: {@link #newSession} gives one so.
     */
    public KieBase kieBase() {
        return kieBase;
    }
}
