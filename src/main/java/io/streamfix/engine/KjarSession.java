package io.streamfix.engine;

import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Device;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Network;
import io.streamfix.model.Observations;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieContainerImpl;
import org.drools.compiler.kie.builder.impl.KieProject;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.KieSession;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the two rules of {@code io/streamfix/kjar/session.drl} call: they make a session opened from
 * the kjar with Drools' own API ({@code KieContainer.newKieSession("streamfix-session")}) start and
 * end like a Troubleshooter's. The knowledge data ({@code knowledge.yaml}, {@code likelihoods.yaml}) is
 * the one in the session's own KIE module, beside its DRL, never the classpath's: a newer kjar that a
 * {@code KieScanner} picks up brings its own ratios and texts. {@link #reader()} reads symptom files
 * for such a session.
 */
public final class KjarSession {
    /** Where a kjar holds its data files, beside its DRL (the build copies {@code rules/} there). */
    private static final String DATA = BundledRules.RESOURCE + "/";

    private KjarSession() {
    }

    /** The knowledge data of one KIE module. */
    private record Data(Knowledge knowledge, Likelihoods likelihoods) {
    }

    /**
     * Each KIE module's data, read when a session of it first needs it. Keyed by module, not by KIE
     * base: a KieScanner updates a container's KIE base in place, with a new module behind it.
     */
    private static final Map<InternalKieModule, Data> OF_MODULE = Collections.synchronizedMap(new WeakHashMap<>());

    /** The bundled knowledge, read once when the reader is first asked for. */
    private static final class Bundled {
        static final Knowledge KNOWLEDGE = Knowledge.read(BundledRules.folder().resolve(Knowledge.FILE_NAME));
        static final SymptomsReader READER = new SymptomsReader(KNOWLEDGE.errorCodes(), KNOWLEDGE.fixes().keySet(),
                KNOWLEDGE.causes().keySet());
    }

    /**
     * The reader that checks symptom files against the bundled knowledge: the {@code Symptoms} to insert
     * into a kjar session. Reads only; compiles no rules.
     *
     * <pre>{@code
     * session.insert(KjarSession.reader().read(Path.of("facts/vpn-active-phone.yaml")).symptoms());
     * }</pre>
     */
    public static SymptomsReader reader() {
        return Bundled.READER;
    }

    /**
     * The reader that checks symptom files against the knowledge of a KIE base's own kjar (its error
     * codes, fixes and causes): for a kjar whose {@code knowledge.yaml} is not the bundled one.
     *
     * <pre>{@code
     * SymptomsReader reader = KjarSession.reader(container.getKieBase("streamfix"));
     * }</pre>
     *
     * @throws RulesException when the KIE base's kjar holds no streamfix data, or data that is wrong
     */
    public static SymptomsReader reader(KieBase kieBase) {
        Knowledge knowledge = dataOf(kieBase).knowledge();
        return new SymptomsReader(knowledge.errorCodes(), knowledge.fixes().keySet(), knowledge.causes().keySet());
    }

    /**
     * Inserts the knowledge facts and the facts of each {@link Symptoms} inserted, and puts the rule
     * groups in focus in their order.
     */
    public static void start(KieRuntime runtime) {
        KieSession session = (KieSession) runtime;
        start(session, ofItsModule(session));
    }

    static void start(KieSession session, Inference inference) {
        inference.insertKnowledge(session);
        List<Object> cases = List.copyOf(session.getObjects(fact -> fact instanceof Symptoms));
        for (Object symptoms : cases) {
            Inference.insertCase(session, (Symptoms) symptoms);
        }
        Inference.focusPhases(session);
    }

    /** The diagnosis the session's facts make, read as a Troubleshooter reads its own sessions. */
    public static Diagnosis diagnosis(KieRuntime runtime) {
        KieSession session = (KieSession) runtime;
        return ofItsModule(session).read(session, symptomsIn(session), RulesFired.in(session));
    }

    /** The session's rules with the data of their own KIE module. */
    private static Inference ofItsModule(KieSession session) {
        Data data = dataOf(session.getKieBase());
        return new Inference(session.getKieBase(), data.knowledge(), data.likelihoods());
    }

    private static Data dataOf(KieBase kieBase) {
        return OF_MODULE.computeIfAbsent(moduleWithData(kieBase), KjarSession::read);
    }

    /**
     * The KIE module that holds the KIE base's data: its own, else that of a KIE base it includes (an
     * embedder's kjar that includes {@code streamfix}). Never the classpath: a published kjar of another
     * version must not be given the bundled ratios without a word.
     */
    private static InternalKieModule moduleWithData(KieBase kieBase) {
        String file = DATA + Knowledge.FILE_NAME;
        if (!(kieBase instanceof InternalKnowledgeBase base) || !(base.getKieContainer() instanceof KieContainerImpl container)) {
            throw new RulesException(List.of(RuleProblem.error(file, 0, 0, "this KIE base was not opened from a KIE "
                    + "container, so there is no kjar to read " + file + " from: open the session with "
                    + "KieContainer.newKieSession(\"streamfix-session\"), or use Troubleshooter")));
        }
        KieProject project = container.getKieProject();
        List<String> bases = new ArrayList<>();
        bases.add(base.getId());
        bases.addAll(project.getTransitiveIncludes(base.getId()));
        for (String name : bases) {
            InternalKieModule module = project.getKieModuleForKBase(name);
            if (module != null && module.hasResource(file)) {
                return module;
            }
        }
        throw new RulesException(List.of(RuleProblem.error(file, 0, 0, "the kjar of KIE base \"" + base.getId()
                + "\" (" + container.getReleaseId() + ") has no " + file + ", nor has any KIE base it includes: "
                + "a kjar of streamfix's rules carries its data files (" + Knowledge.FILE_NAME + ", "
                + Likelihoods.FILE_NAME + ") beside its DRL, in " + BundledRules.RESOURCE)));
    }

    private static Data read(InternalKieModule module) {
        String where = module.getReleaseId() + "!/" + DATA;
        Knowledge knowledge = Knowledge.read(where + Knowledge.FILE_NAME, text(module, DATA + Knowledge.FILE_NAME));
        // As in a rules folder, the ratios may be absent: rules without the likelihoods global need none.
        String ratios = DATA + Likelihoods.FILE_NAME;
        Likelihoods likelihoods = module.hasResource(ratios)
                ? Likelihoods.read(where + Likelihoods.FILE_NAME, text(module, ratios), knowledge.causes().keySet())
                : Likelihoods.NONE;
        return new Data(knowledge, likelihoods);
    }

    private static String text(InternalKieModule module, String resource) {
        return new String(module.getBytes(resource), StandardCharsets.UTF_8);
    }

    /** The case in a session: its {@code Symptoms} fact, or else one made of the case's facts. */
    static Symptoms symptomsIn(KieSession session) {
        Device device = null;
        Network network = null;
        Observations observations = null;
        List<TriedFix> tried = new ArrayList<>();
        for (Object fact : session.getObjects()) {
            if (fact instanceof Symptoms symptoms) {
                return symptoms;
            } else if (fact instanceof Device found) {
                device = found;
            } else if (fact instanceof Network found) {
                network = found;
            } else if (fact instanceof Observations found) {
                observations = found;
            } else if (fact instanceof TriedFix found) {
                tried.add(found);
            }
        }
        return new Symptoms(null, device, network, observations, tried);
    }
}
