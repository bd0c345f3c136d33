package io.streamfix;

import io.streamfix.engine.KnowledgeBase;
import io.streamfix.engine.RulesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher keeps seeing the rules folder (issue 14, defect 1): after the folder is replaced whole,
 * as a deploy does, every later edit is still reloaded, and so are files in subfolders made after the
 * start.
 */
class RulesWatcherTest {
    private static final String OLD_TITLE = "title: Restart your internet connection";

    @TempDir
    Path root;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final ReloadListener listener = new ReloadListener() {
        @Override
        public void reloaded(KnowledgeBase rules) {
            events.add("reloaded " + rules.version());
        }

        @Override
        public void failed(RulesException error) {
            events.add("failed " + error.getMessage());
        }
    };

    @Test
    void editsAfterTheFolderWasReplacedAreStillReloaded() throws Exception {
        Path rules = ProjectRules.copyInto(root.resolve("rules"));
        Path staged = ProjectRules.copyInto(root.resolve("new-rules"));
        retitle(staged, "title: Restart the modem (deploy 1)");
        try (Troubleshooter watched = Troubleshooter.watch(rules, listener)) {
            shell("rm -rf rules && cp -r new-rules rules");
            awaitTitle(watched, "Restart the modem (deploy 1)");

            retitle(rules, "title: Restart the modem (edit after the deploy)");
            awaitTitle(watched, "Restart the modem (edit after the deploy)");

            shell("rm -rf rules && cp -r new-rules rules");
            awaitTitle(watched, "Restart the modem (deploy 1)");
            retitle(rules, "title: Restart the modem (second edit)");
            awaitTitle(watched, "Restart the modem (second edit)");
        }
    }

    @Test
    void aRuleFileInASubfolderMadeAfterTheStartIsReloaded() throws Exception {
        Path rules = ProjectRules.copyInto(root.resolve("rules"));
        try (Troubleshooter watched = Troubleshooter.watch(rules, listener)) {
            Path later = Files.createDirectories(rules.resolve("regional/eu"));
            Thread.sleep(2 * RulesWatcher.SETTLE_MILLIS); // the new folder is registered first
            events.clear();
            Files.writeString(later.resolve("broken.drl"), "package streamfix;\nrule \"Broken\" when then x end\n");
            String event = events.poll(60, TimeUnit.SECONDS);
            assertThat(event).as("what the watcher did about the new file").startsWith("failed")
                    .contains("broken.drl");
        }
    }

    private static void retitle(Path rules, String title) throws Exception {
        Path knowledge = rules.resolve("knowledge.yaml");
        String text = Files.readString(knowledge);
        String current = text.lines().filter(l -> l.strip().startsWith("title: Restart")).findFirst().orElseThrow().strip();
        Files.writeString(knowledge, text.replace(current, title));
    }

    private void shell(String command) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", command).directory(root.toFile()).inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    private static void awaitTitle(Troubleshooter watched, String title) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            boolean seen = watched.knowledgeBase().knowledge().fixes().values().stream()
                    .anyMatch(fix -> fix.title().equals(title));
            if (seen) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the rules in force never had the fix titled \"" + title + "\"");
    }
}
