package io.streamfix.cli;

import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/** check, test and diagnose --watch as a rule author runs them. */
class RuleAuthoringIT {
    @TempDir
    Path dir;

    private Path copyOfTheRules() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        ProjectRules.copyInto(rules);
        return rules;
    }

    @Test
    void checkOnTheProjectsRulesIsCleanWithExit0() throws Exception {
        CliIT.Run run = streamfix("check", "--strict");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).endsWith(": clean (0 errors, 0 warnings)\n");
    }

    @Test
    void checkReportsABrokenRuleWithFileAndLineAndExit3() throws Exception {
        Path rules = copyOfTheRules();
        Path plan = rules.resolve("plan.drl");
        Files.writeString(plan, Files.readString(plan).replace("Network( routerVpn == true )", "Network( routerVpn == )"));
        int line = Files.readAllLines(plan).indexOf("    Network( routerVpn == )") + 1;

        CliIT.Run run = streamfix("check", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains(plan + ":" + line + ":").contains("not clean (1 errors, 0 warnings)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkCatchesRulesAndDataThatDisagreeOnAFix() throws Exception {
        Path rules = copyOfTheRules();
        Path data = rules.resolve("knowledge.yaml");
        Files.writeString(data, Files.readString(data).replace("  disable_vpn_proxy:\n", "  disable_vpn:\n"));

        CliIT.Run run = streamfix("check", "--rules", rules.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains(rules.resolve("plan.drl") + ":")
                .contains("fix \"disable_vpn_proxy\" is not in knowledge.yaml");
    }

    /** Issue 16, item 5: the compiler's own words only with --debug. */
    @Test
    void checkShowsDroolsOwnTextOnlyWithDebug() throws Exception {
        Path rules = copyOfTheRules();
        Path evidence = rules.resolve("evidence.drl");
        Files.writeString(evidence, Files.readString(evidence).replace("DnsMode.AUTOMATIC", "DnsMode.AUTOMATC"));

        CliIT.Run plain = streamfix("check", "--rules", rules.toString());
        CliIT.Run debug = streamfix("check", "--debug", "--rules", rules.toString());
        CliIT.Run diagnose = streamfix("diagnose", "--rules", rules.toString(), "facts/vpn-active-phone.yaml");

        assertThat(plain.exitCode()).isEqualTo(3);
        assertThat(plain.out()).containsPattern(java.util.regex.Pattern.quote(evidence.toString()) + ":\\d+:\\d+: DnsMode has no constant "
                + "AUTOMATC — did you mean AUTOMATIC\\?").doesNotContain("strict-mode", ":-1:");
        assertThat(debug.out()).contains("DnsMode has no constant AUTOMATC", "(raw: Unable to Analyse Expression");
        assertThat(diagnose.exitCode()).isEqualTo(3);
        assertThat(diagnose.err()).contains("DnsMode has no constant AUTOMATC").doesNotContain("strict-mode");
    }

    @Test
    void warningsPassUnlessStrict() throws Exception {
        Path rules = copyOfTheRules();
        Path data = rules.resolve("knowledge.yaml");
        Files.writeString(data, Files.readString(data).replace("fixes:\n", "fixes:\n  pray:\n    order: 11\n    title: Pray\n    why: Hope.\n    minutes: 1\n    resolves: {unstable_connection: 0.1}\n"));

        CliIT.Run lenient = streamfix("check", "--rules", rules.toString());
        CliIT.Run strict = streamfix("check", "--strict", "--rules", rules.toString());

        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.out()).contains("warning: fixes.pray: no steps");
        assertThat(strict.exitCode()).isEqualTo(3);
    }

    @Test
    void testRunsTheFactsAndEndsWithTheSummaryLine() throws Exception {
        CliIT.Run run = streamfix("test");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("pass  facts/vpn-active-phone.yaml").endsWith("14 passed, 0 failed\n");
    }

    /** Issue 16, item 7: the default cases are those beside the default rules, from any folder. */
    @Test
    void testFromAnotherFolderRunsTheFactsBesideTheRulesAndAMissingFolderIsExit2() throws Exception {
        Path launcher = Path.of("streamfix").toAbsolutePath();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Process process = new ProcessBuilder("bash", launcher.toString(), "test").directory(elsewhere.toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("pass  " + launcher.getParent().resolve("facts/vpn-active-phone.yaml"))
                .endsWith(" passed, 0 failed\n").doesNotContain("ERROR");

        Path rules = copyOfTheRules(); // dir/rules, with no dir/facts beside it
        CliIT.Run missing = streamfix("test", "--rules", rules.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("error: no facts/ folder beside the rules folder " + rules);
    }

    @Test
    void aWrongExpectationFailsWithAReadableDifference() throws Exception {
        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, """
                network: {vpn_active: true}
                expect:
                  status: in_progress
                  top_cause: dns_resolution
                  next_fix: change_dns
                """);

        CliIT.Run run = streamfix("test", "facts/vpn-active-phone.yaml", wrong.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                pass  facts/vpn-active-phone.yaml
                FAIL  %s
                       top_cause: expected dns_resolution, got vpn_or_proxy
                       next_fix: expected change_dns, got disable_vpn_proxy
                1 passed, 1 failed
                """.formatted(wrong));
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersStillRun() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "network: {dns: automatc}\n");

        CliIT.Run run = streamfix("test", bad.toString(), "facts/fix-helped.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("ERROR " + bad, "did you mean automatic?", "pass  facts/fix-helped.yaml",
                "1 passed, 1 failed");
    }

    @Test
    void diagnoseWatchPrintsAFreshDiagnosisAfterAnEditAndKeepsTheRulesAfterABadOne() throws Exception {
        Path rules = copyOfTheRules();
        Process process = new ProcessBuilder("bash", "streamfix", "diagnose", "--watch", "--rules", rules.toString(),
                "facts/vpn-active-phone.yaml").redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            assertThat(awaitLine(lines, "--- watching")).isNotNull();
            Path likelihoods = rules.resolve("likelihoods.yaml");
            String shipped = Files.readString(likelihoods);
            String weaker = shipped.replace("vpn_or_proxy: 5.0            # CF 0.8: fix 2, \"The NSEZ",
                    "vpn_or_proxy: 2.0            # CF 0.8: fix 2, \"The NSEZ");
            assertThat(weaker).as("the edit: the VPN app's likelihood ratio 5 -> 2").isNotEqualTo(shipped);
            long before = vpnPercent(rules);
            Files.writeString(likelihoods, weaker);
            // What the edited rules say of the case, computed apart from the watching process.
            long after = vpnPercent(rules);
            assertThat(after).as("the edit shows in the VPN's confidence").isLessThan(before);
            assertThat(awaitLine(lines, "--- rules reloaded")).isNotNull();
            assertThat(awaitLine(lines, after + "%  A VPN")).isNotNull();

            Files.writeString(rules.resolve("plan.drl"), "rule \"half-saved\" when");
            assertThat(awaitLine(lines, "error: the edited rules do not load")).isNotNull();
            assertThat(awaitLine(lines, "plan.drl:")).isNotNull();
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Issue 16, items 3 and 4: an error check reports stops a reload; undoing the edit is said. */
    @Test
    void diagnoseWatchRefusesAnEditCheckRejectsAndSaysWhenTheRulesLoadAgain() throws Exception {
        Path rules = copyOfTheRules();
        Process process = new ProcessBuilder("bash", "streamfix", "diagnose", "--watch", "--rules", rules.toString(),
                "facts/vpn-active-phone.yaml").redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the process was stopped
            }
        });
        reader.start();
        try {
            assertThat(awaitLine(lines, "--- watching")).isNotNull();
            // The causes an evidence rule bears on are named in likelihoods.yaml: a typo there, which check rejects.
            Path evidence = rules.resolve("likelihoods.yaml");
            String good = Files.readString(evidence);
            String typo = good.replace("\n  vpn_or_proxy: 5.0            # CF 0.8: fix 2, \"The NSEZ", "\n  vpn_or_proxi: 5.0            # CF 0.8: fix 2, \"The NSEZ");
            assertThat(typo).as("the typo is made").isNotEqualTo(good);
            Files.writeString(evidence, typo);
            assertThat(awaitLine(lines, "error: the edited rules do not load")).isNotNull();
            assertThat(awaitLine(lines, "unknown cause \"vpn_or_proxi\"")).contains("likelihoods.yaml:");

            Files.writeString(evidence, good);
            assertThat(awaitLine(lines, "--- the rules load again")).isNotNull();
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The VPN's confidence, in percent as the text shows it, that the rules in {@code rules} give the VPN phone case. */
    private static long vpnPercent(Path rules) {
        try (io.streamfix.Troubleshooter streamfix = io.streamfix.Troubleshooter.load(rules)) {
            io.streamfix.model.Cause vpn = streamfix.diagnose(Path.of("facts/vpn-active-phone.yaml")).causes().stream()
                    .filter(c -> c.id().equals("vpn_or_proxy")).findFirst().orElseThrow();
            return Math.round(vpn.confidence() * 100);
        }
    }

    /** The first line (from now on) that contains {@code text}, or null after a generous wait. */
    private static String awaitLine(BlockingQueue<String> lines, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.contains(text)) {
                return line;
            }
        }
        return null;
    }

    /**
     * Issue 16, item 6: rules/README.md's worked example, followed as written: its blocks pasted where it
     * says, its commands run from a folder that holds the rules' copy and the facts, and each output it
     * shows compared with the real one ("..." stands for lines left out; a place's line and column and
     * the count of passed cases may differ as the project's rules and facts grow).
     */
    @Test
    void theWorkedExampleOfRulesReadmeWorksAsWritten() throws Exception {
        String guide = Files.readString(Path.of("rules/README.md"));
        String example = guide.substring(guide.indexOf("## Adding a symptom"), guide.indexOf("A new *kind* of fact"));
        List<String> blocks = new java.util.ArrayList<>();
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("(?s)```\\w*\n(.*?)```").matcher(example);
        while (block.find()) {
            blocks.add(block.group(1).lines().map(l -> l.length() >= 3 ? l.substring(3) : "")
                    .collect(java.util.stream.Collectors.joining("\n")).stripTrailing() + "\n");
        }
        String fix = blocks.stream().filter(b -> b.startsWith("  disable_ad_blocker:")).findFirst().orElseThrow();
        String evidenceRule = blocks.stream().filter(b -> b.contains("ruleflow-group \"evidence\"")).findFirst().orElseThrow();
        String planRule = blocks.stream().filter(b -> b.contains("ruleflow-group \"plan\"")).findFirst().orElseThrow();
        String ratio = blocks.stream().filter(b -> b.startsWith("A browser's extensions may upset")).findFirst().orElseThrow();
        String adBlockerCase = blocks.stream().filter(b -> b.contains("expect:")).findFirst().orElseThrow();

        Path project = Files.createDirectories(dir.resolve("project"));
        Path rules = ProjectRules.copyInto(project.resolve("my-rules"));
        try (java.util.stream.Stream<Path> facts = Files.list(Path.of("facts"))) {
            Files.createDirectories(project.resolve("facts"));
            for (Path fact : facts.toList()) {
                Files.copy(fact, project.resolve("facts").resolve(fact.getFileName()));
            }
        }
        Path knowledge = rules.resolve("knowledge.yaml");
        Files.writeString(knowledge, Files.readString(knowledge).replaceFirst("(?m)^fixes:\n",
                java.util.regex.Matcher.quoteReplacement("fixes:\n" + fix)));
        Files.writeString(rules.resolve("evidence.drl"), Files.readString(rules.resolve("evidence.drl")) + "\n" + evidenceRule);
        Files.writeString(rules.resolve("plan.drl"), Files.readString(rules.resolve("plan.drl")) + "\n" + planRule);
        Files.writeString(rules.resolve("likelihoods.yaml"), Files.readString(rules.resolve("likelihoods.yaml")) + "\n" + ratio);
        Files.writeString(Files.createDirectories(project.resolve("my-cases")).resolve("ad-blocker.yaml"), adBlockerCase);

        int commands = 0;
        for (String shown : blocks) {
            if (!shown.startsWith("$ ./streamfix ")) {
                continue;
            }
            for (String session : shown.split("(?m)^(?=\\$ )")) {
                String command = session.lines().findFirst().orElseThrow().substring(2);
                String expected = session.substring(session.indexOf('\n') + 1);
                List<String> args = new java.util.ArrayList<>(List.of("bash", Path.of("streamfix").toAbsolutePath().toString()));
                args.addAll(List.of(command.substring("./streamfix ".length()).split(" ")));
                Process process = new ProcessBuilder(args).directory(project.toFile()).redirectErrorStream(true).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(out).as(command).matches(shownAsPattern(expected));
                commands++;
            }
        }
        assertThat(commands).as("commands of the worked example").isGreaterThanOrEqualTo(4);
    }

    /**
     * What the guide shows, as a pattern of the real output: a "..." line stands for any lines, a line
     * ending in "..." for any rest of the line; a place's line:column and the count of passed cases
     * match any number.
     */
    private static java.util.regex.Pattern shownAsPattern(String shown) {
        StringBuilder regex = new StringBuilder("(?s)");
        for (String line : shown.lines().toList()) {
            if (line.strip().equals("...")) {
                regex.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            boolean cut = line.endsWith("...");
            String text = cut ? line.substring(0, line.length() - 3) : line;
            StringBuilder quoted = new StringBuilder();
            java.util.regex.Matcher number = java.util.regex.Pattern.compile(":\\d+:\\d+:|^\\d+(?= passed)").matcher(text);
            int last = 0;
            while (number.find()) {
                quoted.append(java.util.regex.Pattern.quote(text.substring(last, number.start())))
                        .append(number.group().startsWith(":") ? ":\\d+:\\d+:" : "\\d+");
                last = number.end();
            }
            quoted.append(java.util.regex.Pattern.quote(text.substring(last)));
            regex.append(quoted).append(cut ? "[^\\n]*\\n" : "\\n");
        }
        return java.util.regex.Pattern.compile(regex.append(".*").toString());
    }
}
