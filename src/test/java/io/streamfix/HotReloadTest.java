package io.streamfix;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RulesException;
import io.streamfix.model.Cause;
import io.streamfix.model.Device;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Network;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing a watched rules folder while other threads diagnose: every answer is wholly old or wholly new. */
class HotReloadTest {
    private static final Symptoms VPN_ON = new Symptoms(null, Device.UNKNOWN,
            new Network(true, null, null, null, null, null, null), null, List.of());
    private static final String OLD_RULE = "likelihoods.insertEvidence(drools, "
            + "\"A VPN app is on, and Netflix blocks connections from masked IP addresses.\"";

    @TempDir
    Path rules;

    private Path copyOfTheRules() throws IOException {
        ProjectRules.copyInto(rules);
        return rules;
    }

    /** What one diagnosis says about the VPN: its confidence and the reason given. */
    private static String answer(Diagnosis diagnosis) {
        Cause vpn = diagnosis.causes().stream().filter(c -> c.id().equals("vpn_or_proxy")).findFirst().orElseThrow();
        return vpn.confidence() + " " + vpn.evidence().get(0).reason();
    }

    @Test
    void anEditIsSwappedInWhileThreadsDiagnoseAndABadEditKeepsTheLastGoodRules() throws Exception {
        Path evidence = copyOfTheRules().resolve("evidence.drl");
        String original = Files.readString(evidence).replace("\r\n", "\n");
        assertThat(original).contains(OLD_RULE);

        CountDownLatch reloaded = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<RulesException> failure = new AtomicReference<>();
        try (Troubleshooter troubleshooter = Troubleshooter.watch(rules, new ReloadListener() {
            @Override
            public void reloaded(KnowledgeBase fresh) {
                reloaded.countDown();
            }

            @Override
            public void failed(RulesException error) {
                failure.set(error);
                failed.countDown();
            }
        })) {
            String oldAnswer = answer(troubleshooter.diagnose(VPN_ON));
            Set<String> answers = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> workers = java.util.stream.IntStream.range(0, 4).mapToObj(i -> pool.submit(() -> {
                int count = 0;
                while (running.get()) {
                    answers.add(answer(troubleshooter.diagnose(VPN_ON)));
                    count++;
                }
                return count;
            })).toList();

            Files.writeString(evidence, original.replace(OLD_RULE,
                    "insertLogical(new Evidence(\"vpn_or_proxy\", 3.0, \"EDITED: a VPN app is on.\", drools.getRule().getName())"));
            assertThat(reloaded.await(60, TimeUnit.SECONDS)).as("the edit was reloaded").isTrue();
            String newAnswer = answer(troubleshooter.diagnose(VPN_ON));

            Files.writeString(evidence, "rule \"Half-written\" when Network( then end");
            assertThat(failed.await(60, TimeUnit.SECONDS)).as("the bad edit was reported").isTrue();
            String afterBadEdit = answer(troubleshooter.diagnose(VPN_ON));

            running.set(false);
            int diagnoses = 0;
            for (Future<Integer> worker : workers) {
                diagnoses += worker.get(); // rethrows if any diagnosis failed
            }
            pool.shutdown();

            // odds 0.2 * 5 (then 0.2 * 3) against the other causes' 0.8
            assertThat(oldAnswer).isEqualTo("0.556 A VPN app is on, and Netflix blocks connections from masked IP addresses.");
            assertThat(newAnswer).isEqualTo("0.429 EDITED: a VPN app is on.");
            assertThat(answers).as("no mixed answer in " + diagnoses + " diagnoses").isSubsetOf(oldAnswer, newAnswer);
            assertThat(afterBadEdit).isEqualTo(newAnswer);
            assertThat(failure.get().problems()).anySatisfy(p -> assertThat(p.file()).endsWith("evidence.drl"));
        }
    }

    @Test
    void reloadNowThrowsForBadRulesAndKeepsTheOldOnes() throws IOException {
        copyOfTheRules();
        try (Troubleshooter troubleshooter = Troubleshooter.load(rules)) {
            String version = troubleshooter.knowledgeBase().version();
            Files.writeString(rules.resolve("broken.drl"), "rule \"x\" when then");

            try {
                troubleshooter.reload();
                throw new AssertionError("a broken rule loaded");
            } catch (RulesException expected) {
                assertThat(expected.problems()).anySatisfy(p -> assertThat(p.file()).endsWith("broken.drl"));
            }
            assertThat(troubleshooter.knowledgeBase().version()).isEqualTo(version);
            assertThat(answer(troubleshooter.diagnose(VPN_ON))).startsWith("0.556 ");
        }
    }

    @Test
    void theVersionIsAHashOfTheFilesNotOfTheirTimes() throws IOException {
        copyOfTheRules();
        String before = KnowledgeBase.versionOf(rules);
        Path plan = rules.resolve("plan.drl");
        Files.writeString(plan, Files.readString(plan)); // touched, not changed
        assertThat(KnowledgeBase.versionOf(rules)).isEqualTo(before).hasSize(64);
        Files.writeString(plan, Files.readString(plan) + "\n// a comment\n");
        assertThat(KnowledgeBase.versionOf(rules)).isNotEqualTo(before);
    }
}
