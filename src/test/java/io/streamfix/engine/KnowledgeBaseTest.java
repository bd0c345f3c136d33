package io.streamfix.engine;

import io.streamfix.model.Cause;
import io.streamfix.model.Device;
import io.streamfix.model.DeviceType;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.DnsMode;
import io.streamfix.model.FixAdvice;
import io.streamfix.model.FixResult;
import io.streamfix.model.Network;
import io.streamfix.model.Observations;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;
import io.streamfix.model.TriedFix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's rules, through the engine, with facts built in Java. */
class KnowledgeBaseTest {
    private static KnowledgeBase rules;

    @BeforeAll
    static void load() {
        rules = KnowledgeBase.load(Path.of("rules"));
    }

    private static Symptoms symptoms(Device device, Network network, Observations observations, TriedFix... tried) {
        return new Symptoms(null, device, network, observations, List.of(tried));
    }

    private static Network network(Boolean vpn, Boolean proxy, Boolean smartDns, Boolean routerVpn) {
        return new Network(vpn, proxy, smartDns, routerVpn, null, null, null);
    }

    private static List<String> planIds(Diagnosis diagnosis) {
        return diagnosis.plan().stream().map(FixAdvice::id).toList();
    }

    @Test
    void withNothingKnownTheArticlesOrderOfSimplicityDecides() {
        Diagnosis diagnosis = rules.diagnose(symptoms(null, null, null));

        assertThat(diagnosis.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(diagnosis.causes()).isEmpty();
        assertThat(planIds(diagnosis)).containsExactly("restart_network", "disable_vpn_proxy", "clear_app_data",
                "change_dns", "update_software", "check_service_status", "try_other_network", "contact_isp",
                "factory_reset_router");
        assertThat(diagnosis.nextFix()).isEqualTo(diagnosis.plan().get(0));
    }

    @Test
    void aVpnMakesVpnInterferenceTheLikeliestCauseWithTheReasonShown() {
        Diagnosis diagnosis = rules.diagnose(symptoms(null, network(true, null, null, null), null));

        Cause top = diagnosis.topCause();
        assertThat(top.id()).isEqualTo("vpn_or_proxy");
        assertThat(top.confidence()).isEqualTo(0.8);
        assertThat(top.evidence()).singleElement()
                .satisfies(e -> assertThat(e.rule()).isEqualTo("A VPN app masks the IP address"));
        assertThat(diagnosis.nextFix().id()).isEqualTo("disable_vpn_proxy");
        assertThat(diagnosis.rulesFired()).contains("A VPN app masks the IP address");
    }

    @Test
    void aRouterVpnGetsTheRouterSteps() {
        Diagnosis onDevice = rules.diagnose(symptoms(null, network(true, null, null, false), null));
        Diagnosis onRouter = rules.diagnose(symptoms(null, network(null, null, null, true), null));

        assertThat(onRouter.nextFix().steps()).anyMatch(step -> step.contains("router"));
        assertThat(onDevice.nextFix().steps()).noneMatch(step -> step.contains("router's settings"));
    }

    @Test
    void clearingTheCacheHasStepsForEachKindOfDevice() {
        Observations oneDevice = new Observations(false, null, null);
        FixAdvice phone = fix(rules.diagnose(symptoms(new Device(DeviceType.MOBILE, null, null, null), null, oneDevice)), "clear_app_data");
        FixAdvice browser = fix(rules.diagnose(symptoms(new Device(DeviceType.BROWSER, null, null, null), null, oneDevice)), "clear_app_data");
        FixAdvice tv = fix(rules.diagnose(symptoms(new Device(DeviceType.SMART_TV, null, null, null), null, oneDevice)), "clear_app_data");

        assertThat(phone.steps()).contains("Select Clear Cache.");
        assertThat(browser.steps()).contains("Clear cookies and cached files.");
        assertThat(tv.steps()).contains("Reinstall the app.");
    }

    private static FixAdvice fix(Diagnosis diagnosis, String id) {
        return diagnosis.plan().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theErrorOnEveryDeviceFavoursNetworkCausesOverDeviceCauses() {
        Diagnosis everywhere = rules.diagnose(symptoms(null, null, new Observations(true, null, null)));
        Diagnosis oneDevice = rules.diagnose(symptoms(null, null, new Observations(false, null, null)));

        assertThat(everywhere.topCause().id()).isEqualTo("network_block");
        assertThat(everywhere.causes()).extracting(Cause::id).doesNotContain("corrupted_cache", "outdated_software");
        assertThat(oneDevice.topCause().id()).isEqualTo("corrupted_cache");
        assertThat(oneDevice.causes()).extracting(Cause::id).doesNotContain("network_block");
    }

    @Test
    void manualDnsMakesDnsLessLikelyThanAutomaticDns() {
        Network automatic = new Network(null, null, null, null, DnsMode.AUTOMATIC, null, null);
        Network manual = new Network(null, null, null, null, DnsMode.MANUAL, null, null);

        assertThat(confidence(rules.diagnose(symptoms(null, automatic, null)), "dns_resolution")).isEqualTo(0.3);
        assertThat(confidence(rules.diagnose(symptoms(null, manual, null)), "dns_resolution")).isZero();
    }

    private static double confidence(Diagnosis diagnosis, String cause) {
        return diagnosis.causes().stream().filter(c -> c.id().equals(cause)).mapToDouble(Cause::confidence).findFirst().orElse(0);
    }

    @Test
    void aFailedFixIsNeverProposedAgainAndWeakensItsCauses() {
        Network vpn = network(true, null, null, null);
        Diagnosis before = rules.diagnose(symptoms(null, vpn, null));
        Diagnosis after = rules.diagnose(symptoms(null, vpn, null, new TriedFix("disable_vpn_proxy", FixResult.FAILED)));

        assertThat(planIds(before)).contains("disable_vpn_proxy");
        assertThat(planIds(after)).doesNotContain("disable_vpn_proxy");
        assertThat(confidence(after, "vpn_or_proxy")).isZero();
        assertThat(after.nextFix().id()).isEqualTo("restart_network");
    }

    @Test
    void aFixThatHelpedResolvesTheCase() {
        Diagnosis diagnosis = rules.diagnose(symptoms(null, null, null,
                new TriedFix("restart_network", FixResult.FAILED), new TriedFix("change_dns", FixResult.HELPED)));

        assertThat(diagnosis.status()).isEqualTo(Status.RESOLVED);
        assertThat(diagnosis.nextFix()).isNull();
        assertThat(diagnosis.plan()).isEmpty();
        assertThat(diagnosis.escalation()).isNull();
    }

    @Test
    void aReportedOutageSendsTheViewerToNetflixsStatusFirst() {
        Diagnosis diagnosis = rules.diagnose(symptoms(null, network(true, null, null, null), new Observations(null, null, true)));

        assertThat(diagnosis.topCause().id()).isEqualTo("netflix_outage");
        assertThat(diagnosis.nextFix().id()).isEqualTo("check_service_status");
    }

    @Test
    void fixesThatCannotHelpAreLeftOut() {
        Diagnosis diagnosis = rules.diagnose(symptoms(new Device(null, null, true, true), network(false, false, false, false),
                new Observations(null, true, false)));

        assertThat(planIds(diagnosis)).doesNotContain("update_software", "disable_vpn_proxy", "try_other_network",
                "check_service_status");
    }

    @Test
    void withEveryFixTriedTheCaseGoesToNetflixSupportWithWhatToPrepare() {
        List<TriedFix> all = rules.knowledge().fixes().values().stream().filter(f -> !f.escalation())
                .map(f -> new TriedFix(f.id(), FixResult.FAILED)).toList();
        Symptoms symptoms = new Symptoms(null, new Device(DeviceType.SMART_TV, "LG C2", null, null),
                new Network(null, null, null, null, null, null, "Acme Broadband"), new Observations(false, null, null), all);

        Diagnosis diagnosis = rules.diagnose(symptoms);

        assertThat(diagnosis.status()).isEqualTo(Status.ESCALATE);
        assertThat(diagnosis.nextFix()).isNull();
        assertThat(diagnosis.plan()).isEmpty();
        assertThat(diagnosis.escalation().to()).isEqualTo("Netflix support");
        assertThat(diagnosis.escalation().prepare()).containsExactly(
                "Your device: smart tv, LG C2.",
                "Your internet provider: Acme Broadband.",
                "Steps already tried, none of which helped: Restart your internet connection; "
                        + "Turn off VPNs, proxies and Smart DNS services; Clear the Netflix app cache or browser data; "
                        + "Change your DNS to a public DNS service; Update the Netflix app and the device's system software; "
                        + "Check whether Netflix has a service outage; Try a different network, such as a mobile hotspot; "
                        + "Ask your internet provider about routing blocks; Reset your router to factory settings.");
    }

    @Test
    void anEscalationOnANetworkFaultAsksAboutAnIpBlock() {
        List<TriedFix> tried = List.of(new TriedFix("restart_network", FixResult.FAILED),
                new TriedFix("clear_app_data", FixResult.FAILED), new TriedFix("change_dns", FixResult.FAILED),
                new TriedFix("contact_isp", FixResult.FAILED), new TriedFix("factory_reset_router", FixResult.FAILED));
        Symptoms symptoms = new Symptoms(null, new Device(null, null, true, true),
                new Network(false, false, false, false, DnsMode.AUTOMATIC, null, "Acme Broadband"),
                new Observations(true, true, false), tried);

        Diagnosis diagnosis = rules.diagnose(symptoms);

        assertThat(diagnosis.status()).isEqualTo(Status.ESCALATE);
        assertThat(diagnosis.escalation().prepare()).last().asString()
                .contains("IP block").contains("Acme Broadband");
    }

    @Test
    void theRiskyRouterResetIsMarkedRisky() {
        Diagnosis diagnosis = rules.diagnose(symptoms(null, null, null));
        assertThat(fix(diagnosis, "factory_reset_router").risky()).isTrue();
        assertThat(fix(diagnosis, "restart_network").risky()).isFalse();
    }
}
