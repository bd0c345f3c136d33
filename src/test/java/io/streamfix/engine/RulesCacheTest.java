package io.streamfix.engine;

import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled-rules cache gives the same answers as compiling, and never a stale one. */
class RulesCacheTest {
    private static final Symptoms VPN = Symptoms.builder().vpnActive(true).build();

    @TempDir
    Path rules;
    @TempDir
    Path cacheFolder;
    RulesCache cache;

    @BeforeEach
    void copyTheProjectsRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        cache = new RulesCache(cacheFolder);
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(cacheFolder)) {
            return files.filter(f -> f.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void rulesFromTheCacheDiagnoseExactlyAsFreshlyCompiledOnes() throws IOException {
        Diagnosis compiled = KnowledgeBase.load(rules).diagnose(VPN);

        KnowledgeBase.load(rules, cache);
        assertThat(entries()).hasSize(1);
        Diagnosis cached = KnowledgeBase.load(rules, cache).diagnose(VPN);

        assertThat(entries()).hasSize(1);
        assertThat(cached).isEqualTo(compiled);
        assertThat(cached.topCause().confidence()).isEqualTo(0.8);
    }

    @Test
    void anEditedRulesFolderIsCompiledAfreshNeverAStaleAnswer() throws IOException {
        assertThat(KnowledgeBase.load(rules, cache).diagnose(VPN).topCause().confidence()).isEqualTo(0.8);

        Path evidence = rules.resolve("evidence.drl");
        Files.writeString(evidence, Files.readString(evidence)
                .replace("insert(new Evidence(\"vpn_or_proxy\", 0.8,", "insert(new Evidence(\"vpn_or_proxy\", 0.55,"));

        assertThat(KnowledgeBase.load(rules, cache).diagnose(VPN).topCause().confidence()).isEqualTo(0.55);
        assertThat(entries()).hasSize(2);
    }

    @Test
    void aNewRuleFileIsPickedUp() throws IOException {
        KnowledgeBase.load(rules, cache);
        Files.writeString(rules.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;
                rule "An extra rule the cache has never seen"
                    ruleflow-group "evidence"
                when
                    Network( vpnActive == true )
                then
                end
                """);

        assertThat(KnowledgeBase.load(rules, cache).diagnose(VPN).rulesFired())
                .contains("An extra rule the cache has never seen");
    }

    @Test
    void aCorruptEntryIsCompiledAgainAndReplaced() throws IOException {
        KnowledgeBase.load(rules, cache);
        Path entry = entries().get(0);
        Files.write(entry, new byte[] {1, 2, 3, 4});

        Diagnosis diagnosis = KnowledgeBase.load(rules, cache).diagnose(VPN);

        assertThat(diagnosis.topCause().confidence()).isEqualTo(0.8);
        assertThat(Files.size(entry)).isGreaterThan(4);
    }

    @Test
    void aCacheFolderThatCannotBeWrittenOnlyCostsSpeed() throws IOException {
        Path notAFolder = Files.writeString(cacheFolder.resolve("file"), "x");

        Diagnosis diagnosis = KnowledgeBase.load(rules, new RulesCache(notAFolder)).diagnose(VPN);

        assertThat(diagnosis.topCause().confidence()).isEqualTo(0.8);
    }
}
