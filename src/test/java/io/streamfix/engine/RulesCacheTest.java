package io.streamfix.engine;

import io.streamfix.ProjectRules;
import io.streamfix.Troubleshooter;
import io.streamfix.model.Diagnosis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled-rules cache: a start reuses unchanged rules, and never gives a stale answer. */
class RulesCacheTest {
    private static final Path CASE = Path.of("facts/vpn-active-phone.yaml");

    @TempDir
    Path rules;
    @TempDir
    Path cacheFolder;

    private void copyRules() throws Exception {
        ProjectRules.copyInto(rules);
    }

    private List<Path> entries() throws Exception {
        try (Stream<Path> files = Files.list(cacheFolder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void rulesFromTheCacheDiagnoseExactlyAsFreshlyCompiledOnes() throws Exception {
        copyRules();
        RulesCache cache = new RulesCache(cacheFolder);
        Troubleshooter compiled = Troubleshooter.load(rules, cache);
        assertThat(entries()).hasSize(1);
        Troubleshooter cached = Troubleshooter.load(rules, cache);

        try (Stream<Path> facts = Files.list(Path.of("facts"))) {
            for (Path file : facts.toList()) {
                assertThat(cached.diagnose(file)).as(file.toString()).isEqualTo(compiled.diagnose(file));
            }
        }
        assertThat(entries()).hasSize(1);
    }

    @Test
    void anEditedRulesFolderIsCompiledAfreshNeverAStaleAnswer() throws Exception {
        copyRules();
        RulesCache cache = new RulesCache(cacheFolder);
        Diagnosis before = Troubleshooter.load(rules, cache).diagnose(CASE);
        Path likelihoods = rules.resolve("likelihoods.yaml");
        String data = Files.readString(likelihoods);
        String weight = "vpn_or_proxy: 5.0            # CF 0.8: fix 2, \"The NSEZ";
        assertThat(data).contains(weight);
        Files.writeString(likelihoods, data.replace(weight, "vpn_or_proxy: 2.0            # CF 0.8: fix 2, \"The NSEZ"));

        Diagnosis after = Troubleshooter.load(rules, cache).diagnose(CASE);

        double vpnBefore = before.causes().stream().filter(c -> c.id().equals("vpn_or_proxy")).findFirst().orElseThrow().confidence();
        assertThat(before.topCause().id()).isEqualTo("vpn_or_proxy");
        assertThat(after.causes()).filteredOn(c -> c.id().equals("vpn_or_proxy"))
                .singleElement().satisfies(c -> assertThat(c.confidence()).isLessThan(vpnBefore));
        assertThat(entries()).hasSize(2);
    }

    @Test
    void aCorruptCacheEntryIsCompiledAgain() throws Exception {
        copyRules();
        RulesCache cache = new RulesCache(cacheFolder);
        Diagnosis expected = Troubleshooter.load(rules).diagnose(CASE);
        Troubleshooter.load(rules, cache);
        Path entry = entries().get(0);
        Files.write(entry, new byte[] {1, 2, 3, 4, 5});

        assertThat(Troubleshooter.load(rules, cache).diagnose(CASE)).isEqualTo(expected);
        assertThat(Files.size(entry)).as("rewritten whole").isGreaterThan(5);
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyCostsSpeed() throws Exception {
        copyRules();
        Path notAFolder = Files.writeString(cacheFolder.resolve("file"), "x");
        Diagnosis expected = Troubleshooter.load(rules).diagnose(CASE);

        assertThat(Troubleshooter.load(rules, new RulesCache(notAFolder)).diagnose(CASE)).isEqualTo(expected);
    }
}
