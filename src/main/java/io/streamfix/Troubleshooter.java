package io.streamfix;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RuleFault;
import io.streamfix.engine.RulesCache;
import io.streamfix.engine.RulesException;
import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.input.SymptomsReader;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;

import java.nio.file.Path;
import java.util.Map;

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
 */
public final class Troubleshooter {
    /** The name problems carry for a case given as a map or built in code. */
    private static final String MAP_SOURCE = "<symptoms>";

    private final KnowledgeBase knowledgeBase;
    private final SymptomsReader reader;

    private Troubleshooter(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
        this.reader = new SymptomsReader(knowledgeBase.knowledge().errorCodes(),
                knowledgeBase.knowledge().fixes().keySet(), knowledgeBase.knowledge().causes().keySet());
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
     * Loads a rules folder, taking its compiled rules from {@code cache} when its DRL is unchanged since
     * they were stored there (what the CLI does to start fast). An edited folder is compiled afresh.
     *
     * @throws RulesException when the rules do not compile or the data is wrong, with file and line
     */
    public static Troubleshooter load(Path rulesFolder, RulesCache cache) {
        return new Troubleshooter(KnowledgeBase.load(rulesFolder, cache));
    }

    /**
     * Loads the rules bundled in the streamfix jar: the project's {@code rules/} folder as it was at build
     * time, compiled now. For a support tool that does not maintain rules of its own.
     *
     * @throws RulesException when the bundled rules cannot be read (a broken build)
     */
    public static Troubleshooter bundled() {
        return new Troubleshooter(KnowledgeBase.bundled());
    }

    /** A builder for a case given field by field; pass it to {@link #diagnose(SymptomsBuilder)}. */
    public static SymptomsBuilder symptoms() {
        return new SymptomsBuilder();
    }

    /**
     * Diagnoses symptoms that are already checked (e.g. read with {@link #reader()}).
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(Symptoms symptoms) {
        return knowledgeBase.diagnose(symptoms);
    }

    /**
     * Reads a symptom file (YAML) and diagnoses it; its {@code expect:} block is ignored.
     *
     * @throws InvalidSymptomsException when the file is not a valid symptom file, with every problem located
     */
    public Diagnosis diagnose(Path symptomFile) {
        return diagnose(reader.read(symptomFile).symptoms());
    }

    /**
     * Diagnoses a case given as YAML or JSON text (JSON is YAML too), e.g. the body of a request.
     *
     * @param source the name problems carry, e.g. a ticket number
     * @param text   the symptom document
     * @throws InvalidSymptomsException when the text is not a valid symptom document
     */
    public Diagnosis diagnose(String source, String text) {
        return diagnose(reader.read(source, text).symptoms());
    }

    /**
     * Diagnoses a case given as a map with the field names of a symptom file
     * ({@code Map.of("network", Map.of("vpn_active", true))}).
     *
     * @throws InvalidSymptomsException when the map is not a valid symptom document (problems name the field)
     */
    public Diagnosis diagnose(Map<String, ?> symptoms) {
        return diagnose(reader.fromMap(MAP_SOURCE, symptoms).symptoms());
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
