package io.streamfix;

import io.streamfix.input.InvalidSymptomsException;
import io.streamfix.input.SymptomCase;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.DeviceType;
import io.streamfix.model.DnsMode;
import io.streamfix.model.FixResult;
import io.streamfix.model.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedding API used as a support tool uses it: one Troubleshooter built at start-up from the
 * bundled rules, shared by the threads that serve tickets, each ticket given in whatever form the tool
 * holds it (a file, JSON text, a map, fields set in code).
 */
class SupportToolExampleTest {
    private static Troubleshooter troubleshooter;

    @BeforeAll
    static void startUp() {
        troubleshooter = Troubleshooter.bundled();
    }

    private static List<Path> facts() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("facts"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void manyThreadsShareOneTroubleshooterAndEachGetsItsOwnCaseRight() throws Exception {
        List<Path> facts = facts();
        ExecutorService supportDesk = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> desks = new ArrayList<>();
            for (int desk = 0; desk < 4; desk++) {
                int offset = desk;
                desks.add(supportDesk.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int round = 0; round < 25; round++) {
                        Path file = facts.get((offset + round) % facts.size());
                        SymptomCase ticket = troubleshooter.read(file);
                        Diagnosis diagnosis = troubleshooter.diagnose(file);
                        ticket.expectation().mismatches(diagnosis).forEach(m -> mismatches.add(file + ": " + m));
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> desk : desks) {
                assertThat(desk.get()).isEmpty();
            }
        } finally {
            supportDesk.shutdownNow();
        }
    }

    @Test
    void aCaseGivenAsJsonTextAMapOrABuilderIsDiagnosedLikeTheSameCaseInAFile() throws Exception {
        Diagnosis fromFile = troubleshooter.diagnose(Path.of("facts/router-vpn-tv.yaml"));
        SymptomCase file = troubleshooter.read(Path.of("facts/router-vpn-tv.yaml"));

        Diagnosis fromJson = troubleshooter.diagnose("ticket-4711", """
                {"device": {"type": "smart_tv", "model": "Samsung QN90B"},
                 "network": {"router_vpn": true},
                 "observations": {"other_devices_affected": true}}""");
        Diagnosis fromMap = troubleshooter.diagnose(Map.of(
                "device", Map.of("type", "smart_tv", "model", "Samsung QN90B"),
                "network", Map.of("router_vpn", true),
                "observations", Map.of("other_devices_affected", true)));
        Diagnosis built = troubleshooter.diagnose(Troubleshooter.symptoms()
                .device(DeviceType.SMART_TV).deviceModel("Samsung QN90B")
                .routerVpn(true).otherDevicesAffected(true));

        assertThat(file.symptoms().device().type()).isEqualTo(DeviceType.SMART_TV);
        assertThat(file.symptoms().network().routerVpn()).isTrue();
        assertThat(fromJson).isEqualTo(fromMap).isEqualTo(built);
        assertThat(fromJson.topCause().id()).isEqualTo(fromFile.topCause().id());
        assertThat(fromJson.nextFix().id()).isEqualTo(fromFile.nextFix().id());
    }

    @Test
    void aBuiltCaseWithTriedFixesLeavesThemOutOfThePlan() {
        Diagnosis diagnosis = troubleshooter.diagnose(Troubleshooter.symptoms()
                .device(DeviceType.BROWSER).dns(DnsMode.AUTOMATIC)
                .tried("restart_network", FixResult.FAILED)
                .tried("clear_app_data", FixResult.FAILED));

        assertThat(diagnosis.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(diagnosis.plan()).extracting(f -> f.id()).doesNotContain("restart_network", "clear_app_data")
                .isNotEmpty();
    }

    @Test
    void aBadCaseIsRefusedWithTheFieldNamedWhateverFormItCameIn() {
        assertThatThrownBy(() -> troubleshooter.diagnose(Troubleshooter.symptoms().tried("restart_netwrk", FixResult.FAILED)))
                .isInstanceOf(InvalidSymptomsException.class)
                .hasMessageContaining("tried[0].fix").hasMessageContaining("did you mean restart_network");
        assertThatThrownBy(() -> troubleshooter.diagnose("ticket-4712", "{\"network\": {\"dns\": \"automatc\"}}"))
                .isInstanceOf(InvalidSymptomsException.class)
                .hasMessageContaining("ticket-4712:1:").hasMessageContaining("network.dns");
        assertThatThrownBy(() -> troubleshooter.diagnose(Map.of("network", Map.of("vpn_actve", true))))
                .isInstanceOf(InvalidSymptomsException.class)
                .hasMessageContaining("network.vpn_actve");
    }

    @Test
    void theBundledRulesAreTheRulesFolder() throws Exception {
        Troubleshooter fromFolder = Troubleshooter.load(Path.of("rules"));
        for (Path file : facts()) {
            assertThat(troubleshooter.diagnose(file)).as(file.toString()).isEqualTo(fromFolder.diagnose(file));
        }
    }
}
