package io.streamfix.cli;

import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the CLI says about odd input (issue 14, defect 11) is in plain words: no Java type, no Jackson
 * or SnakeYAML vocabulary, no class name. Symptom files of every odd shape go through one
 * {@code diagnose} batch; rules folders with odd data files through {@code check}.
 */
class PlainMessagesIT {
    /** What must never reach a user: Java packages, exception and class names, Jackson's own words. */
    static final Pattern JAVA_WORDS = Pattern.compile(
            "com\\.fasterxml|java\\.|javax\\.|org\\.eclipse|org\\.yaml|io\\.streamfix|Exception|JsonNode|"
                    + "StreamRead|Deserialization|`|\\$[A-Z]|Infinity|CauseEntry|FixEntry|Wording|Document\\b");

    @Test
    void oddSymptomFilesAreReportedInPlainWords(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("big-model.yaml", "device:\n  model: 1.0e+400\n".getBytes());
        files.put("big-minutes.yaml", "tried:\n  - fix: restart_network\n    result: failed\n    minutes: 1.0e+400\n".getBytes());
        files.put("big-plain.yaml", "tried:\n  - fix: restart_network\n    result: failed\n    minutes: 1e400\n".getBytes());
        files.put("long-key.yaml", ("network:\n  " + "k".repeat(5000) + ": true\n").getBytes());
        files.put("nested.yaml", "device:\n  type: [phone, [tv]]\n".getBytes());
        files.put("wrong-type.yaml", "device: 12\n".getBytes());
        files.put("two-docs.yaml", "---\ndevice: {}\n---\ndevice: {}\n".getBytes());
        files.put("empty-doc.yaml", "---\n".getBytes());
        files.put("empty.yaml", new byte[0]);
        files.put("dup.yaml", "device:\n  model: a\n  model: b\n".getBytes());
        files.put("binary-tag.yaml", "device:\n  model: !!binary aGVsbG8=\n".getBytes());
        files.put("list-root.yaml", "[1, 2]\n".getBytes());
        files.put("complex-key.yaml", "device:\n  ? [a, b]\n  : 1\n".getBytes());
        files.put("bigint.yaml", ("network:\n  dns: " + "9".repeat(400) + "\n").getBytes());
        files.put("date.yaml", "tried:\n  - fix: restart_network\n    result: failed\n    minutes: 2012-01-01\n".getBytes());
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37);
        }
        files.put("binary.yaml", binary);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(dir.resolve(file.getKey()), file.getValue());
        }

        CliIT.Run run = streamfix("diagnose", "--format", "jsonl", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out().lines()).hasSize(files.size());
        assertThat(run.out() + run.err()).doesNotContainPattern(JAVA_WORDS).doesNotContain("\tat ");
        assertThat(run.out())
                .contains("\"line\":2,\"column\":3,\"field\":\"network\",\"message\":\"a key is too long (5000 characters; at most 1000)\"}]}")
                .doesNotContain("mapping values are not allowed")
                .contains("\"line\":2,\"column\":10,\"field\":\"device.model\",\"message\":\"expected text, got 1.0e+400, a number too large to read");
    }

    @Test
    void oddDataFilesAreReportedInPlainWordsByCheck(@TempDir Path dir) throws Exception {
        Map<String, UnaryOperator<String>> knowledge = new LinkedHashMap<>();
        knowledge.put("a cause that is a number", text -> text.replaceFirst("(?m)^causes:\\n", "causes:\n  odd_cause: 12\n"));
        knowledge.put("causes as a list", text -> text.replaceFirst("(?m)^causes:\\n", "causes: [a, b]\nunused:\n"));
        knowledge.put("an order that is text", text -> text.replaceFirst("(?m)^(  restart_network:\\n(    .*\\n)*?    order:) \\d+", "$1 first"));
        int index = 0;
        for (Map.Entry<String, UnaryOperator<String>> edit : knowledge.entrySet()) {
            Path rules = ProjectRules.copyInto(dir.resolve("rules-" + index++));
            Path file = rules.resolve("knowledge.yaml");
            String edited = edit.getValue().apply(Files.readString(file));
            assertThat(edited).as(edit.getKey()).isNotEqualTo(Files.readString(file));
            Files.writeString(file, edited);

            CliIT.Run run = streamfix("check", "--rules", rules.toString());

            assertThat(run.exitCode()).as(edit.getKey()).isEqualTo(3);
            assertThat(run.out() + run.err()).as(edit.getKey()).contains("knowledge.yaml:")
                    .doesNotContainPattern(JAVA_WORDS).doesNotContain("\tat ");
        }
    }

    @Test
    void oddRatiosAndQuestionsAreReportedInPlainWordsByCheck(@TempDir Path dir) throws IOException, InterruptedException {
        Path rules = ProjectRules.copyInto(dir.resolve("rules"));
        Path likelihoods = rules.resolve("likelihoods.yaml");
        Files.writeString(likelihoods, Files.readString(likelihoods) + "\nA rule of lists: [1, [2]]\n");
        Path questions = rules.resolve("questions.yaml");
        Files.writeString(questions, Files.readString(questions).replaceFirst("(?m)^network.vpn_active:\\n",
                "network.vpn_active: 5\nunused.fact:\n"));

        CliIT.Run run = streamfix("check", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out() + run.err()).doesNotContainPattern(JAVA_WORDS).doesNotContain("\tat ");
    }
}
