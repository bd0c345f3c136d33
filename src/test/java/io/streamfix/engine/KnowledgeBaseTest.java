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
import static org.assertj.core.api.Assertions.within;

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
    void withNothingKnownTheBaseRatesAndTheMinutesDecide() {
        Diagnosis diagnosis = rules.diagnose(symptoms(null, null, null));

        assertThat(diagnosis.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(diagnosis.causes()).extracting(Cause::confidence)
                .containsExactlyElementsOf(diagnosis.causes().stream().map(Cause::baseRate).toList());
        assertThat(diagnosis.topCause().id()).isEqualTo("unstable_connection");
        // A VPN is off in 3 minutes and is a frequent trigger: the best first use of the minutes.
        assertThat(diagnosis.nextFix().id()).isEqualTo("disable_vpn_proxy");
        assertThat(diagnosis.nextFix()).isEqualTo(diagnosis.plan().get(0));
        assertThat(diagnosis.nextFix().minutes()).isEqualTo(3.0);
        assertThat(diagnosis.nextFix().chance()).isCloseTo(0.2 * 0.95, within(0.001));
    }

    @Test
    void theExpectedMinutesAreThoseOfFollowingThePlanThenEscalating() {
        for (Diagnosis diagnosis : List.of(rules.diagnose(symptoms(null, null, null)),
                rules.diagnose(symptoms(null, network(true, null, null, null), new Observations(false, null, null))),
                rules.diagnose(symptoms(null, null, new Observations(true, true, null),
                        new TriedFix("restart_network", FixResult.FAILED))))) {
            double expected = 0;
            double stillBroken = 1;
            for (FixAdvice step : diagnosis.plan()) {
                expected += stillBroken * step.minutes();
                stillBroken *= 1 - step.chance();
            }
            expected += stillBroken * rules.knowledge().escalation().minutes();
            assertThat(diagnosis.expectedMinutes()).isCloseTo(expected, within(0.05));
            assertThat(diagnosis.expectedMinutes()).isLessThan(rules.knowledge().escalation().minutes());
        }
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
        Diagnosis nothing = rules.diagnose(symptoms(null, null, null));
        Diagnosis everywhere = rules.diagnose(symptoms(null, null, new Observations(true, null, null)));
        Diagnosis oneDevice = rules.diagnose(symptoms(null, null, new Observations(false, null, null)));

        for (String network : List.of("network_block", "dns_resolution", "unstable_connection")) {
            assertThat(confidence(everywhere, network)).isGreaterThan(confidence(nothing, network));
            assertThat(confidence(oneDevice, network)).isLessThan(confidence(nothing, network));
        }
        for (String device : List.of("corrupted_cache", "outdated_software")) {
            assertThat(confidence(everywhere, device)).isLessThan(confidence(nothing, device));
            assertThat(confidence(oneDevice, device)).isGreaterThan(confidence(nothing, device));
        }
        assertThat(oneDevice.topCause().id()).isEqualTo("corrupted_cache");
    }

    @Test
    void manualDnsMakesDnsLessLikelyThanAutomaticDns() {
        Network automatic = new Network(null, null, null, null, DnsMode.AUTOMATIC, null, null);
        Network manual = new Network(null, null, null, null, DnsMode.MANUAL, null, null);
        double unknown = confidence(rules.diagnose(symptoms(null, null, null)), "dns_resolution");

        assertThat(confidence(rules.diagnose(symptoms(null, automatic, null)), "dns_resolution")).isGreaterThan(unknown);
        assertThat(confidence(rules.diagnose(symptoms(null, manual, null)), "dns_resolution")).isLessThan(unknown);
    }

    private static double odds(double probability) {
        return probability / (1 - probability);
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
        // It resolves a VPN 95% of the time: its failure leaves a twentieth of the odds.
        assertThat(odds(confidence(after, "vpn_or_proxy")))
                .isCloseTo(odds(confidence(before, "vpn_or_proxy")) * 0.05, within(0.003));
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
    void aFixAnAnswerMakesUnlikelyComesLateAndOneThatWasTriedLeaves() {
        // Software said to be current, no masker said to be on: viewers are sometimes wrong, so those
        // fixes stay, after the fixes for what the evidence favours. A fix that was tried leaves.
        Diagnosis diagnosis = rules.diagnose(symptoms(new Device(null, null, true, true), network(false, false, false, false),
                new Observations(true, false, null), new TriedFix("try_other_network", FixResult.FAILED)));

        List<String> plan = planIds(diagnosis);
        assertThat(plan).doesNotContain("try_other_network").contains("restart_network", "disable_vpn_proxy");
        assertThat(plan.indexOf("disable_vpn_proxy")).isGreaterThan(plan.indexOf("restart_network"));
        assertThat(plan.indexOf("update_software")).isNotZero();
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
                new TriedFix("disable_vpn_proxy", FixResult.FAILED), new TriedFix("check_service_status", FixResult.FAILED),
                new TriedFix("try_other_network", FixResult.FAILED),
                new TriedFix("contact_isp", FixResult.FAILED), new TriedFix("factory_reset_router", FixResult.FAILED));
        Symptoms symptoms = new Symptoms(null, new Device(null, null, true, true),
                new Network(false, false, false, false, DnsMode.AUTOMATIC, null, "Acme Broadband"),
                new Observations(true, null, false), tried);

        Diagnosis diagnosis = rules.diagnose(symptoms);

        assertThat(diagnosis.status()).isEqualTo(Status.ESCALATE);
        assertThat(diagnosis.escalation().prepare()).last().asString()
                .contains("IP block").contains("Acme Broadband");
    }

    @Test
    void theRiskyRouterResetIsMarkedRisky() {
        // Every device fails and works elsewhere, with the provider asked already: the reset is next.
        Diagnosis diagnosis = rules.diagnose(symptoms(null, network(false, false, false, false), new Observations(true, true, false),
                new TriedFix("contact_isp", FixResult.FAILED)));
        assertThat(rules.knowledge().fixes().get("factory_reset_router").risky()).isTrue();
        assertThat(diagnosis.plan()).allSatisfy(fix -> assertThat(fix.risky()).isEqualTo(fix.id().equals("factory_reset_router")));
    }

    @Test
    void whenNoFixLeftIsWorthItsTimeTheCaseEscalatesBeforeEveryFixIsTried() {
        // The network is to blame and the cheap fixes failed: the dear ones cost more than escalating.
        Diagnosis diagnosis = rules.diagnose(symptoms(new Device(null, null, true, true), network(false, false, false, false),
                new Observations(true, false, false), new TriedFix("restart_network", FixResult.FAILED),
                new TriedFix("change_dns", FixResult.FAILED), new TriedFix("disable_vpn_proxy", FixResult.FAILED),
                new TriedFix("check_service_status", FixResult.FAILED), new TriedFix("clear_app_data", FixResult.FAILED),
                new TriedFix("try_other_network", FixResult.FAILED)));

        assertThat(diagnosis.status()).isEqualTo(Status.ESCALATE);
        assertThat(diagnosis.nextFix()).isNull();
        assertThat(diagnosis.expectedMinutes()).isEqualTo(rules.knowledge().escalation().minutes());
        assertThat(diagnosis.escalation().prepare()).isNotEmpty();
    }
}
