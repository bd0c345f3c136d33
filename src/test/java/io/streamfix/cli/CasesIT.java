package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamfix.input.SymptomsReader;
import io.streamfix.engine.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code consult --cases} and {@code streamfix cases …} through the launcher, as a support agent runs them. */
class CasesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out) {
    }

    static Run streamfix(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "streamfix"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("STREAMFIX_CASES");
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    /** The answer a viewer gives to a prompt {@code "… [a/b/c] > "}: no where it may be, else its first choice. */
    private static String firstAnswer(String prompt) {
        List<String> choices = List.of(prompt.substring(prompt.lastIndexOf('[') + 1, prompt.lastIndexOf(']')).split("/"));
        return choices.contains("no") ? "no" : choices.get(0);
    }

    @Test
    void aConsultationIsKeptStepByStepResumedListedExportedAndDeleted(@TempDir Path dir) throws Exception {
        String db = dir.resolve("cases.db").toString();
        // The first question, whatever the rules ask first, is answered; then the input ends.
        boolean[] answered = {false};
        ConsultIT.Dialogue first = ConsultIT.consult(prompt -> {
            if (answered[0]) {
                return null;
            }
            answered[0] = true;
            return firstAnswer(prompt);
        }, "--cases", db);
        assertThat(first.exitCode()).as(first.transcript()).isZero();
        Matcher kept = Pattern.compile("as case ([0-9a-z]{10}) in").matcher(first.transcript());
        assertThat(kept.find()).as(first.transcript()).isTrue();
        String id = kept.group(1);

        Run shown = streamfix("", "cases", "show", "--cases", db, id, "--format", "json");
        assertThat(shown.exit()).as(shown.out()).isZero();
        JsonNode kase = JSON.readTree(shown.out());
        assertThat(kase.at("/steps")).hasSize(1);
        assertThat(kase.at("/steps/0/kind").asText()).isEqualTo("answer");
        assertThat(kase.at("/status").asText()).isEqualTo("open");
        String fact = kase.at("/steps/0/fact").asText();
        String answer = kase.at("/steps/0/answer").asText();
        assertThat(first.transcript()).contains("> " + answer + "\n");

        // Carry on: the questions are skipped, the fixes matter: the first fails, then back, then it helps.
        int[] fixPrompts = {0};
        boolean[] backDue = {false};
        ConsultIT.Dialogue resumed = ConsultIT.consult(prompt -> {
            if (backDue[0]) {
                backDue[0] = false;
                return "back";
            }
            if (prompt.startsWith("Did it fix the error?")) {
                backDue[0] = fixPrompts[0]++ == 0;
                return backDue[0] ? "no" : "yes";
            }
            return "skip";
        }, "--cases", db, "--case", id);
        assertThat(resumed.exitCode()).as(resumed.transcript()).isZero();
        assertThat(resumed.transcript()).contains("Carrying on with case " + id).contains("Back one step.").contains("Resolved");
        assertThat(fixPrompts[0]).as(resumed.transcript()).isEqualTo(2);

        JsonNode after = JSON.readTree(streamfix("", "cases", "show", "--cases", db, id, "--format", "json").out());
        assertThat(after.at("/status").asText()).isEqualTo("resolved");
        List<String> kinds = new ArrayList<>();
        after.at("/steps").forEach(s -> kinds.add(s.at("/kind").asText()));
        assertThat(kinds).startsWith("answer").endsWith("fix", "undo", "fix");
        int last = kinds.size() - 1;
        assertThat(after.at("/steps/" + last + "/result").asText()).isEqualTo("helped");
        assertThat(after.at("/steps/" + (last - 2) + "/result").asText()).isEqualTo("failed");
        assertThat(after.at("/steps/" + (last - 2) + "/undone").asBoolean()).isTrue();
        assertThat(after.at("/steps/" + (last - 2) + "/fix")).as("the same fix, tried again after back")
                .isEqualTo(after.at("/steps/" + last + "/fix"));
        assertThat(after.at("/steps/" + last + "/minutes").isNumber()).as("minutes from shown to answered").isTrue();

        Run text = streamfix("", "cases", "show", "--cases", db, id);
        assertThat(text.out()).contains("Case " + id + ": resolved").contains("(undone)").contains("undo of step");
        Run list = streamfix("", "cases", "list", "--cases", db, "--status", "resolved");
        assertThat(list.out()).contains(id).contains("1 case in");
        assertThat(streamfix("", "cases", "list", "--cases", db, "--status", "escalated").out()).contains("0 cases");

        // Export: exactly the ticket history format, which the symptom file reader reads back.
        String[] path = fact.split("\\.");
        String value = switch (answer) {
            case "yes" -> "true";
            case "no" -> "false";
            default -> answer;
        };
        Run jsonl = streamfix("", "cases", "export", "--cases", db);
        assertThat(jsonl.exit()).as(jsonl.out()).isZero();
        JsonNode ticket = JSON.readTree(jsonl.out().lines().findFirst().orElseThrow());
        assertThat(ticket.at("/" + String.join("/", path)).asText()).as("the first answer, %s", fact).isEqualTo(value);
        assertThat(ticket.at("/tried")).hasSize(1);
        assertThat(ticket.at("/tried/0/fix")).isEqualTo(after.at("/steps/" + last + "/fix"));
        assertThat(ticket.at("/tried/0/result").asText()).isEqualTo("helped");
        assertThat(ticket.at("/tried/0/minutes").isNumber()).isTrue();
        Path folder = dir.resolve("history");
        Run yaml = streamfix("", "cases", "export", "--cases", db, "--format", "yaml", "--out", folder.toString());
        assertThat(yaml.out()).contains("Exported 1 case to");
        String file = Files.readString(folder.resolve(id + ".yaml"));
        assertThat(file).contains(path[path.length - 1] + ": " + value).contains("result: helped").contains("minutes:");
        SymptomsReader reader = KnowledgeBase.load(Path.of("rules")).reader();
        assertThat(reader.read(folder.resolve(id + ".yaml").toString(), file.replaceAll("(?m)^\\s*minutes:.*\\n", ""))
                .symptoms().tried()).hasSize(1);

        // evaluate reads the store directly: the same ticket as the export.
        Run evaluated = streamfix("", "evaluate", "--cases", db, "--format", "json");
        assertThat(evaluated.exit()).as(evaluated.out()).isZero();
        Run fromExport = streamfix("", "evaluate", folder.toString(), "--format", "json");
        assertThat(evaluated.out()).isEqualTo(fromExport.out());

        assertThat(streamfix("", "cases", "delete", "--cases", db, "nosuchcase").exit()).isEqualTo(2);
        Run deleted = streamfix("", "cases", "delete", "--cases", db, id);
        assertThat(deleted.out()).contains("Deleted case " + id);
        assertThat(streamfix("", "cases", "show", "--cases", db, id).out()).contains("no case has the id " + id);
    }

    @Test
    void casesAreDeletedByAgeAndMistakesAreClearErrors(@TempDir Path dir) throws Exception {
        String db = dir.resolve("cases.db").toString();
        streamfix("quit\n", "consult", "--cases", db);
        streamfix("quit\n", "consult", "--cases", db);
        assertThat(streamfix("", "cases", "delete", "--cases", db, "--older-than", "1d").out()).contains("Deleted 0 cases");
        Thread.sleep(5);
        assertThat(streamfix("", "cases", "delete", "--cases", db, "--older-than", "0h").out()).contains("Deleted 2 cases");

        Run noStore = streamfix("", "cases", "list");
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.out()).contains("no case store: give --cases DB");
        Run badStatus = streamfix("", "cases", "list", "--cases", db, "--status", "lost");
        assertThat(badStatus.out()).contains("not a case status: use one of open, resolved, escalated, abandoned");
        Path notDb = Files.writeString(dir.resolve("notes.txt"), "these are not cases\n".repeat(100));
        Run wrong = streamfix("", "cases", "list", "--cases", notDb.toString());
        assertThat(wrong.exit()).isEqualTo(4);
        assertThat(wrong.out()).contains("not a SQLite database").doesNotContain("Exception");
        Run resumeNothing = streamfix("", "consult", "--cases", db, "--case", "nosuchcase");
        assertThat(resumeNothing.exit()).isEqualTo(2);
        assertThat(resumeNothing.out()).contains("no case has the id nosuchcase");
    }
}
