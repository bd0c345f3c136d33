package io.streamfix;

import io.streamfix.engine.RulesException;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.runtime.KieSession;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A support tool adds a rule of its own to streamfix's and a fact of its own to a case's session: premium
 * accounts go to the tool's premium desk after two failed fixes, instead of trying the rest of the plan.
 */
public class EmbeddedRulesTest {
    /** The support tool's rule, as it would keep it in a file of its own. */
    public static final String PREMIUM_RULE = """
            package desk;

            import io.streamfix.model.*;
            import io.streamfix.Account;

            // The tool's policy: a premium viewer who has tried two fixes in vain talks to a person now.
            rule "A premium account goes to the premium desk after two failed fixes"
                ruleflow-group "escalation"
            when
                Account( tier == "premium" )
                not TriedFix( result == FixResult.HELPED )
                exists PlanStep()
                Number( intValue >= 2 ) from accumulate( TriedFix( result == FixResult.FAILED ), count(1) )
            then
                insertLogical(new Escalation("the premium support desk"));
            end
            """;

    /** Two fixes tried in vain, with fixes left: streamfix alone says what to try next. */
    public static final String TWO_FAILED = """
            device: {type: smart_tv}
            network: {vpn_active: false, proxy_active: false, smart_dns_active: false, router_vpn: false}
            tried:
              - {fix: restart_network, result: failed}
              - {fix: clear_app_data, result: failed}
            """;

    private static Troubleshooter desk;
    private static Symptoms twoFailed;

    @BeforeAll
    static void load(@TempDir Path tool) throws Exception {
        Path rule = Files.writeString(tool.resolve("premium.drl"), PREMIUM_RULE);
        desk = Troubleshooter.load(ProjectRules.FOLDER, rule);
        twoFailed = desk.reader().read("ticket-1", TWO_FAILED).symptoms();
    }

    private static Diagnosis diagnose(Symptoms symptoms, Account account) {
        KieSession session = desk.newSession(symptoms);
        try {
            if (account != null) {
                session.insert(account);
            }
            return desk.diagnose(session);
        } finally {
            session.dispose();
        }
    }

    @Test
    void aPremiumAccountIsEscalatedToTheDeskAfterTwoFailedFixes() {
        Diagnosis premium = diagnose(twoFailed, new Account("4711", "premium"));

        assertThat(premium.status()).isEqualTo(Status.ESCALATE);
        assertThat(premium.escalation().to()).isEqualTo("the premium support desk");
        assertThat(premium.nextFix()).isNull();
        // streamfix's own escalation rules prepare the hand-over as for any escalation.
        assertThat(premium.escalation().prepare()).anyMatch(line -> line.startsWith("Steps already tried"));
        assertThat(premium.rulesFired()).contains("A premium account goes to the premium desk after two failed fixes");
    }

    @Test
    void otherAccountsGetStreamfixsOwnAdviceUnchanged() {
        Diagnosis standard = diagnose(twoFailed, new Account("4712", "standard"));
        Diagnosis noAccount = diagnose(twoFailed, null);
        Diagnosis plain = Troubleshooter.load(ProjectRules.FOLDER).diagnose(twoFailed);

        assertThat(standard.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(standard.nextFix().id()).isEqualTo(plain.nextFix().id());
        assertThat(standard).isEqualTo(plain);
        assertThat(noAccount).isEqualTo(plain);
    }

    @Test
    void onlyOneFailedFixIsNotEnoughForTheDesk() {
        Symptoms oneFailed = desk.reader().read("ticket-2", """
                tried:
                  - {fix: restart_network, result: failed}
                """).symptoms();

        assertThat(diagnose(oneFailed, new Account("4711", "premium")).status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aSessionFiredByTheToolItselfReadsTheSame() {
        KieSession session = desk.newSession(twoFailed);
        try {
            session.insert(new Account("4711", "premium"));
            session.fireAllRules();
            assertThat(desk.diagnose(session)).isEqualTo(diagnose(twoFailed, new Account("4711", "premium")));
        } finally {
            session.dispose();
        }
    }

    @Test
    void theBundledRulesTakeExtraRulesToo(@TempDir Path tool) throws Exception {
        Path rule = Files.writeString(tool.resolve("premium.drl"), PREMIUM_RULE);
        Troubleshooter bundled = Troubleshooter.bundled(rule);
        KieSession session = bundled.newSession(twoFailed);
        try {
            session.insert(new Account("4711", "premium"));
            assertThat(bundled.diagnose(session).status()).isEqualTo(Status.ESCALATE);
        } finally {
            session.dispose();
        }
    }

    @Test
    void anExtraRuleThatDoesNotCompileIsReportedWithItsOwnFileAndLine(@TempDir Path tool) throws Exception {
        Path broken = Files.writeString(tool.resolve("broken.drl"), PREMIUM_RULE.replace("tier ==", "tier =="
                + " \"premium\" &&& "));

        assertThatThrownBy(() -> Troubleshooter.load(ProjectRules.FOLDER, broken))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining(broken.toString());
        assertThatThrownBy(() -> Troubleshooter.load(ProjectRules.FOLDER, tool.resolve("missing.drl")))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("missing.drl");
    }
}
