package io.streamfix.engine;

import io.streamfix.ProjectRules;
import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieScanner;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.scanner.KieMavenRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KieScanner picks up a new version of streamfix's rules published to a Maven repository. The test
 * writes that repository itself (kie-ci's own install, under target/), publishes the project's rules as
 * a kjar of version 1.0.0, opens a container on {@code LATEST}, then publishes 1.1.0 with one likelihood
 * ratio changed in its likelihoods.yaml and scans: the container's sessions read the new kjar's data.
 * Runs in a failsafe execution of its own, the only one with kie-ci on its classpath (see the pom),
 * pointed at that repository by {@code kie.maven.settings.custom}.
 */
class KieScannerIT {
    private static final String GROUP = "io.streamfix.published";
    private static final String ARTIFACT = "nsez-403-rules";
    private static final Path CASE = Path.of("facts/vpn-active-phone.yaml");

    @BeforeAll
    static void writeTheRepositorySettings() throws IOException {
        String configured = System.getProperty("kie.maven.settings.custom");
        // -Dit.test=KieScannerIT runs it in the other failsafe execution too, without kie-ci: skip there.
        Assumptions.assumeTrue(configured != null, "runs in the kie-scanner execution only");
        Path settings = Path.of(configured);
        Path repository = settings.resolveSibling("repository");
        deleteTree(repository);
        Files.createDirectories(repository);
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <offline>true</offline>
                </settings>
                """.formatted(repository.toAbsolutePath()));
    }

    @Test
    void aScannedContainerSwitchesToTheNewVersionOfTheRules() throws Exception {
        KieServices ks = KieServices.get();
        publish(ks.newReleaseId(GROUP, ARTIFACT, "1.0.0"), likelihoods -> likelihoods);

        KieContainer container = ks.newKieContainer(ks.newReleaseId(GROUP, ARTIFACT, "LATEST"));
        KieScanner scanner = ks.newKieScanner(container);
        assertThat(container.getReleaseId().getVersion()).isEqualTo("1.0.0");
        double before = vpnConfidence(container);
        // Version 1.0.0 is the project's rules: the kjar session agrees with the Troubleshooter.
        assertThat(before).isEqualTo(Troubleshooter.load(ProjectRules.FOLDER).diagnose(CASE).causes().stream()
                .filter(c -> c.id().equals("vpn_or_proxy")).findFirst().orElseThrow().confidence());

        // Version 1.1.0: a rule author trusts "a VPN is on" less (its likelihood ratio, 5.0 before).
        publish(ks.newReleaseId(GROUP, ARTIFACT, "1.1.0"), likelihoods -> {
            String edited = likelihoods.replaceFirst("(?m)^(A VPN app masks the IP address:\\s*\\n\\s*vpn_or_proxy:) 5\\.0", "$1 2.0");
            assertThat(edited).as("the VPN app's ratio in likelihoods.yaml").isNotEqualTo(likelihoods);
            return edited;
        });
        scanner.scanNow();

        assertThat(container.getReleaseId().getVersion()).isEqualTo("1.1.0");
        double after = vpnConfidence(container);
        // The same odds arithmetic as Inference's: the prior odds times the other ratios, times 2 not 5.
        double odds = before / (1 - before) * 2.0 / 5.0;
        assertThat(after).isCloseTo(odds / (1 + odds), org.assertj.core.data.Offset.offset(0.002));
        assertThat(after).isLessThan(before);
        scanner.shutdown();
    }

    /** The confidence of "VPN or proxy" for the README's example, in a fresh session of the container. */
    private static double vpnConfidence(KieContainer container) {
        KieSession session = container.newKieSession("streamfix-session");
        try {
            session.insert(KjarSession.reader().read(CASE).symptoms());
            session.fireAllRules();
            Diagnosis diagnosis = (Diagnosis) session.getQueryResults("diagnosis").iterator().next().get("$diagnosis");
            return diagnosis.topCause().id().equals("vpn_or_proxy") ? diagnosis.topCause().confidence()
                    : diagnosis.causes().stream().filter(c -> c.id().equals("vpn_or_proxy")).findFirst().orElseThrow().confidence();
        } finally {
            session.dispose();
        }
    }

    /**
     * Builds a kjar of the project's rules as the build packages them (the same kmodule.xml, every file
     * of rules/ but its README, the kjar's session rules) with {@code edit} applied to its
     * likelihoods.yaml, and installs it.
     */
    private static void publish(ReleaseId releaseId, UnaryOperator<String> edit) throws IOException {
        KieServices ks = KieServices.get();
        KieFileSystem files = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        files.writeKModuleXML(Files.readString(Path.of("src/main/resources/META-INF/kmodule.xml")));
        try (Stream<Path> rules = Files.list(ProjectRules.FOLDER)) {
            for (Path file : rules.filter(f -> !f.getFileName().toString().equals("README.md")).sorted().toList()) {
                String text = Files.readString(file);
                files.write("src/main/resources/io/streamfix/rules/" + file.getFileName(),
                        file.getFileName().toString().equals(Likelihoods.FILE_NAME) ? edit.apply(text) : text);
            }
        }
        files.write("src/main/resources/io/streamfix/kjar/session.drl",
                Files.readString(Path.of("src/main/resources/io/streamfix/kjar/session.drl")));
        KieBuilder builder = ks.newKieBuilder(files).buildAll();
        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();

        Path pom = Files.createTempFile("kjar", ".pom");
        Files.writeString(pom, KieBuilderImpl.generatePomXml(releaseId));
        KieMavenRepository.getKieMavenRepository().installArtifact(releaseId, (InternalKieModule) builder.getKieModule(), pom.toFile());
        // Only the repository has it now, as for a version another team published.
        ks.getRepository().removeKieModule(releaseId);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
