package io.streamfix.engine;

import io.streamfix.Account;
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
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResults;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static String json(Diagnosis diagnosis) {
        return JsonOutput.compact().render(diagnosis);
    }
}
