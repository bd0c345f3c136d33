package io.streamfix.engine;

import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final KieBase kieBase;
    private final Knowledge knowledge;
    private final Inference inference;

    private KnowledgeBase(Path folder, KieBase kieBase, Knowledge knowledge) {
        this.folder = folder;
        this.kieBase = kieBase;
        this.knowledge = knowledge;
        this.inference = new Inference(kieBase, knowledge);
    }

    /**
     * Compiles the rules of a folder: every {@code .drl} file under it, and its {@code knowledge.yaml}.
     *
     * @throws RulesException listing every compile error and data problem, with file and line
     */
    public static KnowledgeBase load(Path folder) {
        return load(folder, null);
    }

    /**
     * Like {@link #load(Path)}, but takes the compiled rules from {@code cache} when the folder's DRL is
     * unchanged since it was stored there, and stores them there otherwise.
     *
     * @param cache the compiled-rules cache, or {@code null} to always compile
     * @throws RulesException listing every compile error and data problem, with file and line
     */
    public static KnowledgeBase load(Path folder, RulesCache cache) {
        if (!Files.isDirectory(folder)) {
            throw new RulesException(List.of(RuleProblem.error(folder.toString(), 0, 0,
                    "not a rules folder (it should hold *.drl files and " + Knowledge.FILE_NAME + ")")));
        }
        Path dataFile = folder.resolve(Knowledge.FILE_NAME);
        if (!Files.isRegularFile(dataFile)) {
            throw new RulesException(List.of(RuleProblem.error(dataFile.toString(), 0, 0,
                    "missing: every rules folder needs its knowledge data file")));
        }
        Knowledge knowledge = Knowledge.read(dataFile);
        List<Path> drlFiles = ruleFiles(folder);
        KieBase kieBase = cache == null ? compile(folder, drlFiles)
                : cache.get(folder, drlFiles, () -> compile(folder, drlFiles));
        return new KnowledgeBase(folder, kieBase, knowledge);
    }

    /**
     * Compiles the rules bundled in the streamfix jar (the project's {@code rules/} at build time).
     *
     * @throws RulesException when they cannot be read or do not compile (a broken build)
     */
    public static KnowledgeBase bundled() {
        return load(BundledRules.folder());
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
            String kiePath = KIE_ROOT + folder.relativize(drl).toString().replace('\\', '/');
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
            Path source = sourceOf(message.getPath(), sources);
            errors.add(RuleProblem.error(source == null ? folder.toString() : source.toString(),
                    message.getLine(), message.getColumn(), oneLine(message.getText())));
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

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Diagnoses one case. Thread-safe: each call runs in a session of its own.
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(Symptoms symptoms) {
        return inference.run(symptoms);
    }

    /** The knowledge data: error codes, causes and fixes. */
    public Knowledge knowledge() {
        return knowledge;
    }

    /** The folder these rules were loaded from. */
    public Path folder() {
        return folder;
    }

    /** The compiled Drools rules, shared by every diagnosis. */
    KieBase kieBase() {
        return kieBase;
    }
}
