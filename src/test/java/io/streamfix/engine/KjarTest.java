package io.streamfix.engine;

import io.streamfix.Account;
import io.streamfix.ProjectRules;
import io.streamfix.EmbeddedRulesTest;
import io.streamfix.ExampleCheck;
import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Status;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import io.streamfix.output.JsonOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The build's classes are a KIE module: the classpath container has the {@code streamfix} KIE base and
 * the {@code streamfix-session}, and a session opened with kie-api alone (insert the symptoms, fire)
 * ends with the diagnosis a Troubleshooter gives for the same file, for every example in facts/.
 */
class KjarTest {
    private static final List<Path> FACTS = ExampleCheck.files(List.of(Path.of("facts")));
    private static KieContainer container;
    private static Troubleshooter troubleshooter;

    @BeforeAll
    static void load() {
        container = KieServices.get().getKieClasspathContainer();
        troubleshooter = Troubleshooter.bundled();
    }

    @Test
    void theKieModuleNamesTheStreamfixBaseAndSession() {
        assertThat(container.getKieBaseNames()).contains("streamfix");
        assertThat(container.getKieSessionNamesInKieBase("streamfix")).containsExactly("streamfix-session");
        assertThat(container.getKieBase("streamfix").getKiePackage("streamfix").getRules())
                .extracting(rule -> rule.getName())
                .contains("A VPN app masks the IP address", "When no fix is worth its time, escalate to Netflix support");
    }

    @TestFactory
    Stream<DynamicTest> aKieNativeSessionGivesTheTroubleshootersDiagnosis() {
        return FACTS.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Diagnosis expected = troubleshooter.diagnose(file);
            KieSession session = container.newKieSession("streamfix-session");
            try {
                session.insert(troubleshooter.read(file).symptoms());
                session.fireAllRules();
                QueryResults results = session.getQueryResults("diagnosis");
                assertThat(results.size()).isEqualTo(1);
                Diagnosis fromQuery = (Diagnosis) results.iterator().next().get("$diagnosis");
                Diagnosis fromFacts = (Diagnosis) session.getObjects(new ClassObjectFilter(Diagnosis.class))
                        .iterator().next();
                assertThat(json(fromQuery)).isEqualTo(json(expected));
                assertThat(fromFacts).isSameAs(fromQuery);
                // The Troubleshooter reads the same session the same way.
                assertThat(json(troubleshooter.diagnose(session))).isEqualTo(json(expected));
            } finally {
                session.dispose();
            }
        }));
    }

    @Test
    void aKjarSessionGivenTheCasesFactsOneByOneIsDiagnosedByTheTroubleshooter() {
        Path file = Path.of("facts/router-vpn-tv.yaml");
        var symptoms = troubleshooter.read(file).symptoms();
        KieSession session = container.getKieBase("streamfix").newKieSession();  // no kmodule listener
        try {
            session.insert(symptoms.device());
            session.insert(symptoms.network());
            session.insert(symptoms.observations());
            symptoms.tried().forEach(session::insert);
            Diagnosis diagnosis = troubleshooter.diagnose(session);
            assertThat(json(diagnosis)).isEqualTo(json(troubleshooter.diagnose(file)));
        } finally {
            session.dispose();
        }
    }

    @Test
    void anEmbeddersOwnKieBaseIncludesStreamfixsAndItsRulesChangeTheOutcome() {
        KieServices ks = KieServices.get();
        ReleaseId desk = ks.newReleaseId("com.example", "desk-rules", "1.0.0");
        KieFileSystem files = ks.newKieFileSystem();
        files.writePomXML(KieBuilderImpl.generatePomXml(desk).replace("</project>", """
                <dependencies><dependency>
                  <groupId>io.streamfix</groupId><artifactId>streamfix</artifactId><version>0.1.0</version>
                </dependency></dependencies></project>"""));
        files.writeKModuleXML("""
                <kmodule xmlns="http://www.drools.org/xsd/kmodule">
                  <kbase name="desk" includes="streamfix" packages="desk">
                    <ksession name="desk-session"/>
                  </kbase>
                </kmodule>""");
        files.write("src/main/resources/desk/premium.drl", EmbeddedRulesTest.PREMIUM_RULE);
        KieBuilder builder = ks.newKieBuilder(files).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
        KieContainer deskContainer = ks.newKieContainer(desk);
        try {
            KieSession session = deskContainer.newKieSession("desk-session");
            try {
                // Two fixes failed and the plan still has fixes worth trying: only the desk's rule escalates.
                session.insert(troubleshooter.reader().read("ticket-1", EmbeddedRulesTest.TWO_FAILED).symptoms());
                session.insert(new Account("4711", "premium"));
                session.fireAllRules();
                Diagnosis diagnosis = (Diagnosis) session.getQueryResults("diagnosis").iterator().next().get("$diagnosis");
                assertThat(diagnosis.status()).isEqualTo(Status.ESCALATE);
                assertThat(diagnosis.escalation().to()).isEqualTo("the premium support desk");
            } finally {
                session.dispose();
            }
        } finally {
            deskContainer.dispose();
            ks.getRepository().removeKieModule(desk);
        }
    }

    /** The VPN app's likelihood ratio in likelihoods.yaml, set to 2.0 (5.0 in the project's rules). */
    private static final UnaryOperator<String> VPN_RATIO_2 = likelihoods -> {
        String edited = likelihoods.replaceFirst("(?m)^(A VPN app masks the IP address:\\s*\\n\\s*vpn_or_proxy:) 5\\.0", "$1 2.0");
        assertThat(edited).as("the VPN app's ratio in likelihoods.yaml").isNotEqualTo(likelihoods);
        return edited;
    };

    @Test
    void aKjarsSessionsReadTheDataOfThatKjarNotTheBundledOne(@TempDir Path folder) throws Exception {
        ReleaseId edited = ks().newReleaseId("com.example", "edited-rules", "1.0.0");
        KieContainer editedContainer = kjar(edited, name -> !name.equals("README.md"), VPN_RATIO_2);
        try {
            // The same edit in a rules folder: what the Troubleshooter makes of it is what the kjar must say.
            ProjectRules.copyInto(folder);
            Path ratios = folder.resolve(Likelihoods.FILE_NAME);
            Files.writeString(ratios, VPN_RATIO_2.apply(Files.readString(ratios)));
            Path file = Path.of("facts/vpn-active-phone.yaml");
            Diagnosis expected = Troubleshooter.load(folder).diagnose(file);

            Diagnosis fromKjar = kjarDiagnosis(editedContainer, file);

            assertThat(json(fromKjar)).isEqualTo(json(expected));
            assertThat(vpn(fromKjar)).isLessThan(vpn(troubleshooter.diagnose(file)));
        } finally {
            editedContainer.dispose();
            ks().getRepository().removeKieModule(edited);
        }
    }

    @Test
    void aKjarWithoutItsDataFilesFailsNamingWhatIsMissing() {
        ReleaseId bare = ks().newReleaseId("com.example", "rules-without-data", "1.0.0");
        KieContainer bareContainer = kjar(bare, name -> name.endsWith(".drl"), text -> text);
        try {
            assertThatThrownBy(() -> kjarDiagnosis(bareContainer, Path.of("facts/vpn-active-phone.yaml")))
                    .rootCause().isInstanceOf(RulesException.class)
                    .hasMessageContaining("has no io/streamfix/rules/knowledge.yaml")
                    .hasMessageContaining("rules-without-data");
        } finally {
            bareContainer.dispose();
            ks().getRepository().removeKieModule(bare);
        }
    }

    private static KieServices ks() {
        return KieServices.get();
    }

    /**
     * A kjar built in memory as the build packages the project's (its kmodule.xml, the files of rules/
     * that {@code include} keeps, the session rules), with {@code editRatios} applied to likelihoods.yaml.
     */
    private static KieContainer kjar(ReleaseId releaseId, java.util.function.Predicate<String> include,
                                     UnaryOperator<String> editRatios) {
        try {
            KieFileSystem files = ks().newKieFileSystem().generateAndWritePomXML(releaseId);
            files.writeKModuleXML(Files.readString(Path.of("src/main/resources/META-INF/kmodule.xml")));
            try (Stream<Path> rules = Files.list(ProjectRules.FOLDER)) {
                for (Path file : rules.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (include.test(name)) {
                        String text = Files.readString(file);
                        files.write("src/main/resources/io/streamfix/rules/" + name,
                                name.equals(Likelihoods.FILE_NAME) ? editRatios.apply(text) : text);
                    }
                }
            }
            files.write("src/main/resources/io/streamfix/kjar/session.drl",
                    Files.readString(Path.of("src/main/resources/io/streamfix/kjar/session.drl")));
            KieBuilder builder = ks().newKieBuilder(files).buildAll();
            assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
            return ks().newKieContainer(releaseId);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Diagnosis kjarDiagnosis(KieContainer kieContainer, Path file) {
        KieSession session = kieContainer.newKieSession("streamfix-session");
        try {
            session.insert(KjarSession.reader().read(file).symptoms());
            session.fireAllRules();
            return (Diagnosis) session.getQueryResults("diagnosis").iterator().next().get("$diagnosis");
        } finally {
            session.dispose();
        }
    }

    private static double vpn(Diagnosis diagnosis) {
        return diagnosis.causes().stream().filter(c -> c.id().equals("vpn_or_proxy")).findFirst().orElseThrow().confidence();
    }

    private static String json(Diagnosis diagnosis) {
        return JsonOutput.compact().render(diagnosis);
    }
}
