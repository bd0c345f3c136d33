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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The streamfix expert system, ready to diagnose: a rules folder loaded once, then shared. Thread-safe:
 * call {@code diagnose} from any number of threads; each call runs in a session of its own on the one
 * compiled knowledge base. Nothing is global: two instances with different rules do not meet.
 *
 * <pre>{@code
 * Troubleshooter troubleshooter = Troubleshooter.bundled();            // or load(Path.of("rules"))
 * Diagnosis fromFile = troubleshooter.diagnose(Path.of("facts/vpn-active-phone.yaml"));
 * Diagnosis fromText = troubleshooter.diagnose("ticket-4711", "{\"network\": {\"vpn_active\": true}}");
 * Diagnosis fromMap  = troubleshooter.diagnose(Map.of("network", Map.of("vpn_active", true)));
 * Diagnosis built    = troubleshooter.diagnose(Symptoms.builder().vpnActive(true).build());
 * System.out.println(built.status() + ": " + built.nextFix().title());
 * }</pre>
 *
 * <p>Every {@code diagnose} returns the {@link Diagnosis} that {@code streamfix diagnose --format json}
 * prints (render it with {@link io.streamfix.output.JsonOutput}).
 */
public final class Troubleshooter {
    /** Where the build puts a copy of {@code rules/} inside the jar: DRL text, compiled when loaded. */
    private static final String BUNDLED_RULES = "/io/streamfix/rules/";

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
     * Loads a rules folder, taking its compiled rules from {@code cache} when the folder's DRL has not
     * changed since they were stored there (what the CLI does to start fast).
     *
     * @throws RulesException when the rules do not compile or the data is wrong, with file and line
     */
    public static Troubleshooter load(Path rulesFolder, RulesCache cache) {
        return new Troubleshooter(KnowledgeBase.load(rulesFolder, cache));
    }

    /**
     * Loads the rules bundled in the streamfix jar: a copy of the project's {@code rules/} folder made
     * at build time, read and compiled now like any folder.
     *
     * @throws RulesException when the bundled rules cannot be loaded (a broken build)
     */
    public static Troubleshooter bundled() {
        return load(bundledRulesFolder());
    }

    /** The bundled rules folder: inside the jar, or in the classes folder when run from a build. */
    static Path bundledRulesFolder() {
        URL data = Troubleshooter.class.getResource(BUNDLED_RULES + "knowledge.yaml");
        if (data == null) {
            throw new IllegalStateException("no rules bundled at " + BUNDLED_RULES + ": the build did not copy rules/");
        }
        try {
            URI uri = data.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Path.of(uri).getParent();
            }
            try {
                return FileSystems.newFileSystem(uri, Map.of()).getPath(BUNDLED_RULES);
            } catch (FileSystemAlreadyExistsException e) {
                return FileSystems.getFileSystem(uri).getPath(BUNDLED_RULES);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the bundled rules have no usable location: " + data, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Diagnoses a case.
     *
     * @throws RuleFault when a rule fails while running
     */
    public Diagnosis diagnose(Symptoms symptoms) {
        return knowledgeBase.diagnose(symptoms);
    }

    /**
     * Reads a symptom file (YAML) and diagnoses it.
     *
     * @throws InvalidSymptomsException when the file is not a valid symptom file, with every problem located
     * @throws RuleFault                when a rule fails while running
     */
    public Diagnosis diagnose(Path symptomFile) {
        return diagnose(reader.read(symptomFile).symptoms());
    }

    /**
     * Diagnoses symptoms given as text: YAML, or JSON (which is YAML too), in the symptom-file format.
     *
     * @param source the name problems are reported under, e.g. a ticket id or {@code <request>}
     * @param text   the document, e.g. {@code {"network": {"vpn_active": true}}}
     * @throws InvalidSymptomsException when the text is not a valid symptom document, with every problem located
     * @throws RuleFault                when a rule fails while running
     */
    public Diagnosis diagnose(String source, String text) {
        return diagnose(reader.read(source, text).symptoms());
    }

    /**
     * Diagnoses symptoms given as a map with the symptom file's field names, e.g. parsed JSON:
     * {@code Map.of("network", Map.of("vpn_active", true))}. Problems are reported under {@code <map>}.
     *
     * @throws InvalidSymptomsException when the map is not a valid symptom document, with every problem named
     * @throws RuleFault                when a rule fails while running
     */
    public Diagnosis diagnose(Map<String, ?> symptoms) {
        return diagnose(reader.fromMap("<map>", symptoms).symptoms());
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
