package io.streamfix.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streamfix.model.ConnectionQuality;
import io.streamfix.model.Device;
import io.streamfix.model.DeviceType;
import io.streamfix.model.DnsMode;
import io.streamfix.model.Expectation;
import io.streamfix.model.FixResult;
import io.streamfix.model.Network;
import io.streamfix.model.Observations;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymptomsReaderTest {

    private final SymptomsReader reader = new SymptomsReader(
            Set.of("NSEZ-403"),
            Set.of("restart_network", "disable_vpn_proxy", "clear_cache", "update_app", "change_dns"),
            Set.of("vpn_or_proxy", "unstable_connection", "corrupted_cache", "dns_resolution"));

    private SymptomCase read(String yaml) {
        return reader.read("x.yaml", yaml);
    }

    private List<InputProblem> problems(String yaml) {
        return catchThrowableOfType(InvalidSymptomsException.class, () -> read(yaml)).problems();
    }

    private InputProblem onlyProblem(String yaml) {
        List<InputProblem> problems = problems(yaml);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Nested
    class ValidFiles {

        @Test
        void aFullFileMapsToTheRecords() {
            SymptomCase c = read("""
                    error_code: NSEZ-403
                    device:
                      type: smart_tv
                      model: "LG C2"
                      app_up_to_date: false
                      system_up_to_date: true
                    network:
                      vpn_active: true
                      proxy_active: false
                      smart_dns_active: false
                      router_vpn: false
                      dns: automatic
                      connection: stable
                      isp: "Acme Broadband"
                    observations:
                      other_devices_affected: true
                      works_on_other_network: false
                      netflix_outage: false
                    tried:
                      - fix: restart_network
                        result: failed
                    expect:
                      status: in_progress
                      top_cause: vpn_or_proxy
                      next_fix: disable_vpn_proxy
                      not_in_plan: [restart_network]
                    """);

            assertThat(c.source()).isEqualTo("x.yaml");
            assertThat(c.symptoms()).isEqualTo(new Symptoms("NSEZ-403",
                    new Device(DeviceType.SMART_TV, "LG C2", false, true),
                    new Network(true, false, false, false, DnsMode.AUTOMATIC, ConnectionQuality.STABLE,
                            "Acme Broadband"),
                    new Observations(true, false, false),
                    List.of(new TriedFix("restart_network", FixResult.FAILED))));
            assertThat(c.expectation()).isEqualTo(new Expectation(Status.IN_PROGRESS, "vpn_or_proxy",
                    "disable_vpn_proxy", List.of("restart_network")));
        }

        @Test
        void absentFieldsAreUnknownAndErrorCodeDefaults() {
            SymptomCase c = read("""
                    device:
                      type: mobile
                    network: {}
                    observations:
                    """);

            assertThat(c.symptoms().errorCode()).isEqualTo("NSEZ-403");
            assertThat(c.symptoms().device()).isEqualTo(new Device(DeviceType.MOBILE, null, null, null));
            assertThat(c.symptoms().network()).isEqualTo(Network.UNKNOWN);
            assertThat(c.symptoms().observations()).isEqualTo(Observations.UNKNOWN);
            assertThat(c.symptoms().tried()).isEmpty();
            assertThat(c.expectation()).isNull();
        }

        @Test
        void anEmptyMappingIsACaseWithNothingKnown() {
            SymptomCase c = read("{}");

            assertThat(c.symptoms()).isEqualTo(new Symptoms(null, null, null, null, null));
        }

        @Test
        void freeTextFieldsTakePlainScalarsAsWritten() {
            SymptomCase c = read("""
                    device: {model: 2021}
                    network: {isp: 1.5}
                    """);

            assertThat(c.symptoms().device().model()).isEqualTo("2021");
            assertThat(c.symptoms().network()).isEqualTo(new Network(null, null, null, null, null, null, "1.5"));
        }

        @Test
        void theSameFixMayBeTriedTwice() {
            SymptomCase c = read("""
                    tried:
                      - {fix: restart_network, result: failed}
                      - {fix: restart_network, result: helped}
                    """);

            assertThat(c.symptoms().tried()).containsExactly(
                    new TriedFix("restart_network", FixResult.FAILED),
                    new TriedFix("restart_network", FixResult.HELPED));
        }

        @Test
        void expectMayNameNoneForNoCauseOrNoFix() {
            SymptomCase c = read("""
                    expect: {status: escalate, top_cause: none, next_fix: none}
                    """);

            assertThat(c.expectation()).isEqualTo(new Expectation(Status.ESCALATE, "none", "none", List.of()));
        }

        @Test
        void readsAFile(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("vpn.yaml");
            Files.writeString(file, "\uFEFFnetwork:\n  vpn_active: true\n");

            SymptomCase c = reader.read(file);

            assertThat(c.source()).isEqualTo(file.toString());
            assertThat(c.symptoms().network().vpnActive()).isTrue();
        }

        @Test
        void fromMapChecksAnAlreadyParsedDocument() {
            Map<String, Object> network = new LinkedHashMap<>();
            network.put("vpn_active", true);
            network.put("dns", "manual");
            SymptomCase c = reader.fromMap("<request>", Map.of(
                    "network", network,
                    "tried", List.of(Map.of("fix", "clear_cache", "result", "helped"))));

            assertThat(c.source()).isEqualTo("<request>");
            assertThat(c.symptoms().network().vpnActive()).isTrue();
            assertThat(c.symptoms().network().dns()).isEqualTo(DnsMode.MANUAL);
            assertThat(c.symptoms().tried()).containsExactly(new TriedFix("clear_cache", FixResult.HELPED));
        }
    }

    @Nested
    class TriedMinutes {

        @Test
        void minutesAreReadWhenGivenAndUnknownOtherwise() {
            SymptomCase c = read("""
                    tried:
                      - {fix: restart_network, result: failed, minutes: 6}
                      - {fix: change_dns, result: failed, minutes: 2.5}
                      - {fix: disable_vpn_proxy, result: helped}
                    """);

            assertThat(c.symptoms().tried()).containsExactly(
                    new TriedFix("restart_network", FixResult.FAILED, 6.0),
                    new TriedFix("change_dns", FixResult.FAILED, 2.5),
                    new TriedFix("disable_vpn_proxy", FixResult.HELPED));
            assertThat(c.symptoms().tried().get(2).minutes()).isNull();
        }

        @Test
        void zeroMinutesIsAValidDuration() {
            assertThat(read("tried: [{fix: restart_network, result: failed, minutes: 0}]").symptoms().tried())
                    .containsExactly(new TriedFix("restart_network", FixResult.FAILED, 0.0));
        }

        @Test
        void aMapFromJsonCarriesMinutesToo() {
            SymptomCase c = reader.fromMap("<request>",
                    Map.of("tried", List.of(Map.of("fix", "clear_cache", "result", "failed", "minutes", 12))));

            assertThat(c.symptoms().tried()).containsExactly(new TriedFix("clear_cache", FixResult.FAILED, 12.0));
        }

        @Test
        void badMinutesAreLocatedAndSayWhatWasExpected() {
            List<InputProblem> problems = problems("""
                    tried:
                      - {fix: restart_network, result: failed, minutes: -3}
                      - {fix: restart_network, result: failed, minutes: "5"}
                      - {fix: restart_network, result: failed, minutes: five}
                      - {fix: restart_network, result: failed, minutes: [5]}
                      - {fix: restart_network, result: failed, minutes: 20000}
                      - {fix: restart_network, result: failed, minuts: 5}
                    """);

            assertThat(problems).extracting(InputProblem::format).containsExactly(
                    "x.yaml:2:53: tried[0].minutes: expected a number of minutes (0 to 10080), got -3"
                            + " — a duration cannot be negative",
                    "x.yaml:3:53: tried[1].minutes: expected a number of minutes (0 to 10080), got \"5\""
                            + " — remove the quotes",
                    "x.yaml:4:53: tried[2].minutes: expected a number of minutes (0 to 10080), got \"five\""
                            + " — write the number alone, e.g. 5",
                    "x.yaml:5:53: tried[3].minutes: expected a number of minutes (0 to 10080), got a list",
                    "x.yaml:6:53: tried[4].minutes: expected a number of minutes (0 to 10080), got 20000"
                            + " — is it in seconds? write minutes",
                    "x.yaml:7:44: tried[5].minuts: unknown field — did you mean minutes?");
        }

        @Test
        void theRecordRefusesANegativeOrEndlessDuration() {
            assertThatThrownBy(() -> new TriedFix("restart_network", FixResult.FAILED, -1.0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new TriedFix("restart_network", FixResult.FAILED, Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class DocumentProblems {

        @Test
        void aMissingFileIsReportedWithoutAStackTrace(@TempDir Path dir) {
            Path file = dir.resolve("nope.yaml");

            assertThatThrownBy(() -> reader.read(file))
                    .isInstanceOf(InvalidSymptomsException.class)
                    .hasMessage(file + ": cannot read the file: it does not exist");
        }

        @Test
        void aDirectoryIsNotAFile(@TempDir Path dir) {
            assertThatThrownBy(() -> reader.read(dir))
                    .hasMessage(dir + ": cannot read the file: it is a directory");
        }

        @Test
        void aFileThatIsNotUtf8IsReported(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("latin1.yaml");
            Files.write(file, new byte[] {'i', 's', 'p', ':', ' ', (byte) 0xE9, '\n'});

            assertThatThrownBy(() -> reader.read(file))
                    .hasMessage(file + ": cannot read the file: it is not UTF-8 text");
        }

        @Test
        void anEmptyFileIsReported() {
            assertThat(onlyProblem("").format()).isEqualTo("x.yaml: the document is empty; expected a mapping of"
                    + " fields (error_code, device, network, observations, tried, expect)");
            assertThat(onlyProblem("# just a comment\n").message()).startsWith("the document is empty");
            assertThat(onlyProblem("---\n").message()).startsWith("the document is empty");
        }

        @Test
        void aListIsNotADocument() {
            InputProblem problem = onlyProblem("- a\n- b\n");

            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.field()).isEmpty();
            assertThat(problem.message()).isEqualTo("expected a mapping of fields (error_code, device, network,"
                    + " observations, tried, expect), got a list");
        }

        @Test
        void aScalarIsNotADocument() {
            assertThat(onlyProblem("hello\n").message()).endsWith("got \"hello\"");
        }

        @Test
        void aSyntaxErrorGivesTheParsersPositionAndShortReason() {
            InputProblem problem = onlyProblem("""
                    device:
                      type: smart_tv
                      model: a: b
                    """);

            assertThat(problem.format())
                    .isEqualTo("x.yaml:3:11: YAML syntax error: mapping values are not allowed here");
        }

        @Test
        void anUnclosedListIsASyntaxError() {
            InputProblem problem = onlyProblem("tried: [restart_network\ndevice: {}\n");

            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("YAML syntax error: expected ',' or ']'")
                    .contains("while parsing a flow sequence that starts at line 1, column 8");
        }

        @Test
        void aSecondDocumentIsRejected() {
            InputProblem problem = onlyProblem("device: {}\n---\nnetwork: {}\n");

            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.message()).contains("only one YAML document");
        }

        @Test
        void aliasesAreNotExpanded() {
            InputProblem problem = onlyProblem("""
                    device: &d {type: mobile}
                    network: *d
                    """);

            assertThat(problem.format()).isEqualTo(
                    "x.yaml:2:10: network: aliases (*d) are not supported — write the value out in full");
        }

        @Test
        void deepNestingIsCapped() {
            String deep = "device: {model: " + "[".repeat(50) + "]".repeat(50) + "}";

            InputProblem problem = onlyProblem(deep);

            assertThat(problem.message()).startsWith("the document is nested too deeply");
        }

        @Test
        void hugeDocumentsAreRefused() {
            String huge = "# " + "x".repeat((int) InputLimits.DEFAULT.maxFileBytes() + 10) + "\ndevice: {}\n";

            assertThat(onlyProblem(huge).message()).startsWith("the document is too large");
        }

        @Test
        void duplicateKeysAreReportedAtTheSecondOne() {
            InputProblem problem = onlyProblem("""
                    network:
                      vpn_active: true
                      dns: manual
                      vpn_active: false
                    """);

            assertThat(problem.format())
                    .isEqualTo("x.yaml:4:3: network.vpn_active: duplicate key \"vpn_active\" (first at line 2)");
        }
    }

    @Nested
    class FieldProblems {

        @Test
        void unknownKeysGetAClosestMatch() {
            InputProblem problem = onlyProblem("""
                    network:
                      vpn_actve: true
                    """);

            assertThat(problem.format()).isEqualTo("x.yaml:2:3: network.vpn_actve: unknown field — did you mean vpn_active?");
        }

        @Test
        void unknownKeysWithoutAMatchListTheKnownOnes() {
            InputProblem problem = onlyProblem("observations:\n  weather: rainy\n");

            assertThat(problem.field()).isEqualTo("observations.weather");
            assertThat(problem.message()).isEqualTo("unknown field; known fields: other_devices_affected,"
                    + " works_on_other_network, netflix_outage");
        }

        @Test
        void aKeyInTheWrongSectionIsPointedToItsSection() {
            InputProblem problem = onlyProblem("vpn_active: true\n");

            assertThat(problem.format()).isEqualTo("x.yaml:1:1: vpn_active: unknown field here — vpn_active belongs under network");
        }

        @Test
        void unknownTopLevelKeysGetAMatchToo() {
            assertThat(onlyProblem("devise: {}\n").message()).isEqualTo("unknown field — did you mean device?");
        }

        @Test
        void aBooleanFieldRejectsText() {
            InputProblem problem = onlyProblem("observations:\n  netflix_outage: maybe\n");

            assertThat(problem.format())
                    .isEqualTo("x.yaml:2:19: observations.netflix_outage: expected true or false, got \"maybe\"");
        }

        @Test
        void aBooleanFieldRejectsYesWithAHint() {
            InputProblem problem = onlyProblem("network:\n  vpn_active: yes\n");

            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(15);
            assertThat(problem.message()).isEqualTo("expected true or false, got \"yes\""
                    + " — write true or false (yes/no and on/off are not booleans here)");
        }

        @Test
        void aBooleanFieldRejectsQuotedTrue() {
            assertThat(onlyProblem("network:\n  vpn_active: \"true\"\n").message())
                    .isEqualTo("expected true or false, got the text \"true\" — remove the quotes");
        }

        @Test
        void aBooleanFieldRejectsNumbersAndLists() {
            List<InputProblem> problems = problems("network:\n  vpn_active: 1\n  proxy_active: [true]\n");

            assertThat(problems).extracting(InputProblem::message).containsExactly(
                    "expected true or false, got 1", "expected true or false, got a list");
        }

        @Test
        void aTextFieldRejectsAMapping() {
            InputProblem problem = onlyProblem("device:\n  model: {name: LG}\n");

            assertThat(problem.format()).isEqualTo("x.yaml:2:10: device.model: expected text, got a mapping");
        }

        @Test
        void aSectionMustBeAMapping() {
            InputProblem problem = onlyProblem("network: fast\n");

            assertThat(problem.format()).isEqualTo("x.yaml:1:10: network: expected a mapping of fields"
                    + " (vpn_active, proxy_active, smart_dns_active, router_vpn, dns, connection, isp), got \"fast\"");
        }

        @Test
        void unknownEnumValuesGetTheAllowedListAndAMatch() {
            InputProblem problem = onlyProblem("""
                    device:
                      type: smart_tv
                    network:
                      vpn_active: true
                      isp: Acme
                      connection: stable
                      dns: automatc
                    """);

            assertThat(problem.format()).isEqualTo(
                    "x.yaml:7:8: network.dns: \"automatc\" is not one of automatic, manual — did you mean automatic?");
        }

        @Test
        void enumValuesDifferingOnlyInCaseGetAMatch() {
            assertThat(onlyProblem("device: {type: Smart-TV}\n").message()).isEqualTo("\"Smart-TV\" is not one of"
                    + " smart_tv, streaming_stick, browser, game_console, mobile, tablet — did you mean smart_tv?");
        }

        @Test
        void enumValuesWithoutAMatchListTheAllowedOnes() {
            assertThat(onlyProblem("network: {connection: terrible}\n").message())
                    .isEqualTo("\"terrible\" is not one of stable, unstable");
        }

        @Test
        void triedMustBeAList() {
            InputProblem problem = onlyProblem("tried:\n  fix: restart_network\n");

            assertThat(problem.format()).isEqualTo(
                    "x.yaml:2:3: tried: expected a list of tried fixes, each with fix and result, got a mapping");
        }

        @Test
        void aTriedItemMustBeAMapping() {
            InputProblem problem = onlyProblem("tried:\n  - restart_network\n");

            assertThat(problem.format()).isEqualTo(
                    "x.yaml:2:5: tried[0]: expected a mapping with fix and result, got \"restart_network\"");
        }

        @Test
        void aTriedItemNeedsFixAndResult() {
            List<InputProblem> problems = problems("""
                    tried:
                      - fix: restart_network
                        result: failed
                      - fix: clear_cache
                      - {}
                    """);

            assertThat(problems).extracting(InputProblem::format).containsExactly(
                    "x.yaml:4:5: tried[1].result: missing — each tried fix needs both fix and result",
                    "x.yaml:5:5: tried[2].fix: missing — each tried fix needs both fix and result",
                    "x.yaml:5:5: tried[2].result: missing — each tried fix needs both fix and result");
        }

        @Test
        void unknownFixIdsGetAMatch() {
            InputProblem problem = onlyProblem("tried:\n  - {fix: restart_netwrk, result: failed}\n");

            assertThat(problem.format()).isEqualTo("x.yaml:2:11: tried[0].fix: \"restart_netwrk\" is not a fix"
                    + " known to the rules — did you mean restart_network?");
        }

        @Test
        void unknownFixIdsWithoutAMatchListTheKnownOnes() {
            assertThat(onlyProblem("expect: {next_fix: reboot_everything}\n").message()).isEqualTo(
                    "\"reboot_everything\" is not a fix known to the rules; known fixes: change_dns, clear_cache,"
                            + " disable_vpn_proxy, restart_network, update_app, none");
        }

        @Test
        void notInPlanIsCheckedItemByItem() {
            InputProblem problem = onlyProblem("expect:\n  not_in_plan: [restart_network, clear_cash]\n");

            assertThat(problem.field()).isEqualTo("expect.not_in_plan[1]");
            assertThat(problem.column()).isEqualTo(34);
            assertThat(problem.message()).endsWith("did you mean clear_cache?");
        }

        @Test
        void unknownCausesInExpectGetAMatch() {
            InputProblem problem = onlyProblem("expect:\n  status: in_progress\n  top_cause: vpn_or_proxi\n");

            assertThat(problem.format()).isEqualTo("x.yaml:3:14: expect.top_cause: \"vpn_or_proxi\" is not a cause"
                    + " known to the rules — did you mean vpn_or_proxy?");
        }

        @Test
        void unknownStatusInExpect() {
            assertThat(onlyProblem("expect: {status: resolvd}\n").message())
                    .isEqualTo("\"resolvd\" is not one of in_progress, resolved, escalate — did you mean resolved?");
        }

        @Test
        void unknownErrorCodesListTheKnownOnes() {
            InputProblem problem = onlyProblem("error_code: NSEZ-404\n");

            assertThat(problem.format())
                    .isEqualTo("x.yaml:1:13: error_code: \"NSEZ-404\" is not known to the rules; known codes: NSEZ-403");
        }

        @Test
        void errorCodesSpeltDifferentlyGetAMatch() {
            assertThat(onlyProblem("error_code: nsez_403\n").message())
                    .isEqualTo("\"nsez_403\" is not known to the rules — did you mean NSEZ-403?");
        }
    }

    @Nested
    class ManyProblems {

        @Test
        void allProblemsOfAFileAreReportedInDocumentOrder() {
            InvalidSymptomsException e = catchThrowableOfType(InvalidSymptomsException.class, () -> read("""
                    device:
                      type: tv
                      colour: black
                    network:
                      vpn_active: yes
                      dns: automatc
                    tried:
                      - fix: restart_netwrk
                        result: failed
                    """));

            assertThat(e.problems()).extracting(InputProblem::field).containsExactly(
                    "device.type", "device.colour", "network.vpn_active", "network.dns", "tried[0].fix");
            assertThat(e.getMessage().lines()).hasSize(5).allMatch(line -> line.startsWith("x.yaml:"));
        }

        @Test
        void fromMapReportsProblemsWithoutLines() {
            Map<String, Object> network = new LinkedHashMap<>();
            network.put("vpn_actve", true);
            network.put("dns", "automatc");

            InvalidSymptomsException e = catchThrowableOfType(InvalidSymptomsException.class,
                    () -> reader.fromMap("<request>", Map.of("network", network)));

            assertThat(e.problems()).extracting(InputProblem::format).containsExactly(
                    "<request>: network.vpn_actve: unknown field — did you mean vpn_active?",
                    "<request>: network.dns: \"automatc\" is not one of automatic, manual — did you mean automatic?");
        }

        @Test
        void fromMapSurvivesAMapThatContainsItself() {
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("device", loop);

            InvalidSymptomsException e = catchThrowableOfType(InvalidSymptomsException.class,
                    () -> reader.fromMap("<request>", loop));

            assertThat(e.problems()).anyMatch(p -> p.message().startsWith("nested too deeply"));
        }
    }
}
