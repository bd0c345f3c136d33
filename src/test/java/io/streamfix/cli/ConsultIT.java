package io.streamfix.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code streamfix consult} as a process, driven through its standard input like a viewer would: each
 * prompt is read, then answered. The answers depend on what is asked, not on the order in which it is
 * asked, so the rules may reorder the questions without breaking these tests.
 */
class ConsultIT {
    record Dialogue(int exitCode, String transcript) {
    }

    /** Runs consult, answering each prompt (its last line, up to " > ") with {@code answer}. */
    static Dialogue consult(Function<String, String> answer, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "streamfix", "consult"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("STREAMFIX_RULES");
        Process process = builder.start();
        StringBuilder transcript = new StringBuilder();
        try (Reader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
             Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            int prompts = 0;
            for (int c = out.read(); c != -1; c = out.read()) {
                transcript.append((char) c);
                if (transcript.toString().endsWith(" > ")) {
                    assertThat(++prompts).as("prompts so far; transcript:\n" + transcript).isLessThan(60);
                    String prompt = transcript.substring(transcript.lastIndexOf("\n") + 1);
                    String reply = answer.apply(prompt);
                    if (reply == null) {
                        in.close(); // the viewer stops typing: end of input
                    } else {
                        in.write(reply + "\n");
                        in.flush();
                    }
                }
            }
        } catch (IOException endOfInputWritten) {
            // writing after close: the test asked for the end of input
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Dialogue(process.exitValue(), transcript.toString());
    }

    /** Answers by what the question is about (skips the rest); every fix proposed gets {@code fixResult}. */
    static Function<String, String> viewer(Map<String, String> answers, String fixResult) {
        return prompt -> {
            if (prompt.startsWith("Did it fix the error?")) {
                return fixResult;
            }
            for (Map.Entry<String, String> entry : answers.entrySet()) {
                if (prompt.contains(entry.getKey())) {
                    return entry.getValue();
                }
            }
            return "skip";
        };
    }

    static JsonNode diagnose(Path file) throws Exception {
        CliIT.Run run = CliIT.streamfix("diagnose", "--format", "json", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void fromNothingToAResolvedCaseAndTheSavedFileDiagnosesTheSame(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("case.yaml");
        Map<String, String> answers = Map.of("VPN app", "yes", "outage", "no", "other devices", "no", "stable", "stable");

        Dialogue dialogue = consult(viewer(answers, "yes"), "--save", saved.toString());

        assertThat(dialogue.exitCode()).isZero();
        assertThat(dialogue.transcript())
                .contains("Try this fix: Turn off VPNs, proxies and Smart DNS services")
                .containsOnlyOnce("Try this fix:")
                .contains("Resolved")
                .contains("Saved the facts gathered to " + saved);
        JsonNode json = diagnose(saved);
        assertThat(json.get("status").asText()).isEqualTo("resolved");
        assertThat(Files.readString(saved)).contains("fix: disable_vpn_proxy").contains("result: helped");
    }

    @Test
    void aVpnThatIsOnGetsTheFixAtOnceWithoutMoreQuestions(@TempDir Path dir) throws Exception {
        Path start = dir.resolve("vpn.yaml");
        Files.writeString(start, "network: {vpn_active: true}\n");

        Dialogue dialogue = consult(viewer(Map.of(), "yes"), start.toString());

        assertThat(dialogue.exitCode()).isZero();
        String beforeTheFix = dialogue.transcript().substring(0, dialogue.transcript().indexOf("Try this fix:"));
        // The fix's steps depend on the device, so the device type is still asked first; nothing else is.
        assertThat(beforeTheFix.lines().filter(l -> l.contains(" > ")).toList()).as("questions asked before the fix")
                .allMatch(l -> l.startsWith("What kind of device shows the error?"));
        assertThat(beforeTheFix).contains("next fix: Turn off VPNs, proxies and Smart DNS services (3 min, ");
        assertThat(dialogue.transcript()).contains("Try this fix: Turn off VPNs, proxies and Smart DNS services")
                .contains("Resolved");
    }

    @Test
    void fromNothingToAnEscalationWhenEveryFixFails(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("case.yaml");
        Map<String, String> answers = Map.of("VPN app", "no", "router", "no", "proxy", "no", "Smart DNS", "no",
                "outage", "no", "other devices", "yes", "another network", "yes", "stable", "stable",
                "DNS set", "automatic", "up to date", "yes");

        Dialogue dialogue = consult(viewer(answers, "no"), "--save", saved.toString());

        assertThat(dialogue.exitCode()).isZero();
        assertThat(dialogue.transcript())
                .contains("Did it fix the error? [yes/no] > no")
                .contains("Contact Netflix support. Have ready:")
                .contains("The evidence points at the network");
        JsonNode json = diagnose(saved);
        assertThat(json.get("status").asText()).isEqualTo("escalate");
        String consulted = dialogue.transcript().substring(dialogue.transcript().indexOf("Have ready:"));
        for (JsonNode item : json.at("/escalation/prepare")) {
            assertThat(consulted).contains(item.asText());
        }
    }

    /** The choices of a prompt {@code "… [a/b/c] > "}. */
    static List<String> choices(String prompt) {
        return List.of(prompt.substring(prompt.lastIndexOf('[') + 1, prompt.lastIndexOf(']')).split("/"));
    }

    @Test
    void whySkipBackAndTheEndOfInputAreHandled(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("case.yaml");
        // why, skip and back at the first prompts, whatever the rules ask first; then the prompt shown is
        // answered (yes where it may be, else its first choice), and the input ends.
        List<String> prompts = new java.util.ArrayList<>();
        Dialogue dialogue = consult(prompt -> {
            prompts.add(prompt);
            return switch (prompts.size()) {
                case 1 -> "why";
                case 2 -> "skip";
                case 3 -> "back";
                case 4 -> choices(prompt).contains("yes") ? "yes" : choices(prompt).get(0);
                default -> null;
            };
        }, "--save", saved.toString());

        assertThat(dialogue.exitCode()).isZero();
        assertThat(dialogue.transcript()).contains("Skipped.").contains("Back one step.")
                .contains("End of input: the consultation stopped before it finished.");
        // why tells what each answer of the question would lead to
        for (String answer : choices(prompts.get(0))) {
            assertThat(dialogue.transcript()).contains("  If " + answer + ": ");
        }
        // the question skipped, then taken back, is asked again and answered: the saved file has exactly that fact
        assertThat(prompts.get(3)).as("the question asked again after back").isEqualTo(prompts.get(0));
        String answer = choices(prompts.get(3)).contains("yes") ? "yes" : choices(prompts.get(3)).get(0);
        assertThat(dialogue.transcript()).contains(prompts.get(0) + answer + "\n");
        String value = answer.equals("yes") ? "true" : answer;
        assertThat(Files.readString(saved).lines().filter(l -> l.matches("^ +[a-z_]+: .*")).toList())
                .as("the facts saved").singleElement().asString().endsWith(": " + value);
    }

    @Test
    void quitStopsAndAWrongAnswerIsAskedAgain() throws Exception {
        java.util.Iterator<String> script = List.of("maybe", "quit").iterator();

        Dialogue dialogue = consult(prompt -> script.hasNext() ? script.next() : null);

        assertThat(dialogue.exitCode()).isZero();
        assertThat(dialogue.transcript()).contains("Please answer ").contains(", or type why, skip, back or quit.")
                .contains("Stopped.");
    }

    /** Issue 16, item 2: a --save that cannot be written is refused before anything is asked. */
    @Test
    void aSavePathThatCannotBeWrittenIsRefusedBeforeTheFirstQuestion(@TempDir Path dir) throws Exception {
        Path nowhere = dir.resolve("no/such/dir/x.yaml");

        Dialogue missing = consult(prompt -> "quit", "--save", nowhere.toString());
        Dialogue folder = consult(prompt -> "quit", "--save", dir.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.transcript()).contains("--save " + nowhere + ": the folder " + dir.resolve("no/such/dir")
                + " does not exist").doesNotContain(" > ", "internal error", "NoSuchFileException");
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.transcript()).contains("--save " + dir + ": it is a folder").doesNotContain(" > ");
    }

    /** Issue 16, item 2: when the file still cannot be written at the end, the answers are printed. */
    @Test
    void theAnswersAreNeverLostWhenTheSaveFailsAtTheEnd(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cases"));
        Path saved = folder.resolve("x.yaml");
        int[] prompts = {0};

        Dialogue dialogue = consult(prompt -> {
            if (prompts[0]++ == 0) {
                return prompt.contains("[yes/no]") ? "yes" : prompt.substring(prompt.indexOf('[') + 1, prompt.indexOf('/'));
            }
            try {
                Files.delete(folder); // the folder goes away while the viewer answers
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "quit";
        }, "--save", saved.toString());

        assertThat(dialogue.exitCode()).isEqualTo(2);
        String yaml = dialogue.transcript().substring(dialogue.transcript().indexOf("as a symptom file"));
        assertThat(dialogue.transcript()).contains("error: cannot write " + saved).doesNotContain("internal error");
        assertThat(yaml).containsPattern("(?m)^[a-z_]+:\\n  [a-z_]+: ");
    }

    /**
     * Issue 16, item 9: consult in a real terminal (a pseudo-terminal that util-linux's script opens,
     * 50 columns wide): Up-arrow brings back the last answer instead of typing ^[[A, text wraps at word
     * boundaries to the width, and the consultation ends with a summary. The script answers what is
     * asked, whatever the order: "no" to the first yes/no prompt, "mobile" to the device type (its long
     * list of choices must wrap too), skip to anything else; at the second yes/no prompt it presses
     * Up-arrow as often as it takes to bring "no" back from the history, then Enter.
     */
    @Test
    void inATerminalUpArrowRecallsTheLastAnswerAndTextWrapsToTheWidth(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("case.yaml");
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec",
                "stty cols 50 rows 40; exec bash streamfix consult --save " + saved, "/dev/null");
        builder.environment().remove("STREAMFIX_RULES");
        builder.environment().put("TERM", "xterm");
        Process process = builder.redirectErrorStream(true).start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (Reader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                for (int c = out.read(); c != -1; c = out.read()) {
                    screen.append((char) c);
                }
            } catch (IOException ended) {
                // the process ended
            }
        });
        reader.start();
        List<String> history = new java.util.ArrayList<>(); // what the line reader keeps: no repeat in a row
        int prompt = 0;
        try (Writer keys = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
            boolean recalled = false;
            while (!recalled) {
                String asked = awaitPrompts(screen, ++prompt);
                assertThat(prompt).as("prompts before a second yes/no one:\n" + visible(screen.toString())).isLessThan(8);
                String typed;
                if (asked.endsWith("[yes/no] > ") && history.contains("no")) {
                    // Up-arrow until "no" is back, Enter: the answer comes from the history
                    keys.write("\u001b[A".repeat(history.size() - history.lastIndexOf("no")) + "\r");
                    typed = "no";
                    recalled = true;
                } else {
                    typed = asked.endsWith("[yes/no] > ") ? "no" : asked.contains("What kind of device") ? "mobile" : "skip";
                    keys.write(typed + "\r");
                }
                keys.flush();
                if (history.isEmpty() || !history.get(history.size() - 1).equals(typed)) {
                    history.add(typed);
                }
            }
            awaitPrompts(screen, ++prompt);
            keys.write("quit\r");
            keys.flush();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroy();
        }
        reader.join(10_000);

        String visible = visible(screen.toString());
        assertThat(visible).doesNotContain("^[[A", "[A", "Please answer").contains("Summary", "  Found: ", "  Tried: ", "  Took: ");
        assertThat(visible.lines().filter(l -> l.length() > 50).toList()).as("lines wider than the terminal").isEmpty();
        assertThat(visible).contains("What kind of device shows the error?").contains("Stopped.");
        String yaml = Files.readString(saved);
        assertThat(yaml).contains("type: mobile");
        // each "no" is a fact answered no or a fix that did not help, whichever was asked
        int noes = yaml.split(": false", -1).length - 1 + yaml.split("result: failed", -1).length - 1;
        assertThat(noes).as("two prompts answered no:\n" + yaml).isEqualTo(2);
    }

    /** The screen without terminal control sequences and carriage returns. */
    private static String visible(String screen) {
        return screen.replaceAll("\u001b\\[[?0-9;$]*[a-zA-Z~]|\u001b[=>]|\r", "");
    }

    /** Waits until the screen shows {@code prompts} prompts; returns what it shows since the one before, up to " > ". */
    private static String awaitPrompts(StringBuffer screen, int prompts) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String visible = visible(screen.toString());
            if (visible.split("\\] > ", -1).length > prompts) {
                Thread.sleep(300); // let the line reader settle on its prompt
                return visible(screen.toString()).split("(?<=\\] > )", -1)[prompts - 1];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("prompt " + prompts + " not seen; screen:\n" + visible(screen.toString()));
    }

    /**
     * Issue 16, item 9: what the steps and the checklist need is asked: the device type before the first
     * fix, the model and the provider before the case goes to Netflix support.
     */
    @Test
    void theDeviceTypeModelAndProviderAreAskedWhenTheStepsAndTheChecklistNeedThem(@TempDir Path dir) throws Exception {
        Path usedUp = Files.writeString(dir.resolve("used-up.yaml"), "tried:\n"
                + java.util.stream.Stream.of("restart_network", "disable_vpn_proxy", "clear_app_data", "change_dns",
                        "update_software", "check_service_status", "try_other_network", "contact_isp", "factory_reset_router")
                .map(fix -> "  - {fix: " + fix + ", result: failed}\n").collect(java.util.stream.Collectors.joining()));
        Map<String, String> details = Map.of("kind of device", "smart_tv", "Which model", "LG C2",
                "internet provider do you use", "Acme Net");

        Dialogue escalated = consult(viewer(details, "no"), usedUp.toString());

        assertThat(escalated.exitCode()).isZero();
        assertThat(escalated.transcript()).contains("What kind of device shows the error? [smart_tv/", "> smart_tv",
                        "Which model is it", "> LG C2", "Which internet provider do you use?", "> Acme Net",
                        "No fix left is worth its minutes against escalating (90 min). Contact Netflix support. Have ready:", "LG C2", "Acme Net",
                        "  Fixed by: nothing; contact Netflix support")
                .doesNotContain("find it out");

        Dialogue fresh = consult(prompt -> prompt.startsWith("Did it fix") ? "yes"
                : prompt.contains("kind of device") ? "mobile" : "skip");
        String transcript = fresh.transcript();
        assertThat(transcript.indexOf("What kind of device shows the error?")).isPositive()
                .isLessThan(transcript.indexOf("Try this fix:"));
        assertThat(transcript).contains("  Tried: ", "(fixed it)", "  Fixed by: ");
    }
}
