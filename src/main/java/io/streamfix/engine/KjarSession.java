package io.streamfix.engine;

import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Device;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Network;
import io.streamfix.model.Observations;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import org.kie.api.runtime.KieRuntime;
import org.kie.api.runtime.KieSession;

import java.util.ArrayList;
import java.util.List;

/**
 * What the two rules of {@code io/streamfix/kjar/session.drl} call: they make a session opened from
 * the kjar with Drools' own API ({@code KieContainer.newKieSession("streamfix-session")}) start and
 * end like a Troubleshooter's. The knowledge data is the bundled {@code knowledge.yaml}, the one beside
 * the kjar's DRL. {@link #reader()} reads symptom files for such a session.
 */
public final class KjarSession {
    private KjarSession() {
    }

    /** The bundled knowledge data, read once when a kjar session first needs it. */
    private static final class Bundled {
        static final Knowledge KNOWLEDGE = Knowledge.read(BundledRules.folder().resolve(Knowledge.FILE_NAME));
        static final Likelihoods LIKELIHOODS = Likelihoods.readFolder(BundledRules.folder(), KNOWLEDGE.causes().keySet());
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
     * Inserts the knowledge facts and the facts of each {@link Symptoms} inserted, and puts the rule
     * groups in focus in their order.
     */
    public static void start(KieRuntime runtime) {
        KieSession session = (KieSession) runtime;
        start(session, bundled(session));
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
        return bundled(session).read(session, symptomsIn(session), RulesFired.in(session));
    }

    private static Inference bundled(KieSession session) {
        return new Inference(session.getKieBase(), Bundled.KNOWLEDGE, Bundled.LIKELIHOODS);
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
