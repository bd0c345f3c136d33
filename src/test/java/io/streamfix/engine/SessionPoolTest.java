package io.streamfix.engine;

import io.streamfix.GeneratedCases;
import io.streamfix.ProjectRules;
import io.streamfix.model.Device;
import io.streamfix.model.DeviceType;
import io.streamfix.model.Diagnosis;
import io.streamfix.model.Symptoms;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Diagnoses run in sessions that Drools' pool resets and hands out again: each must be what a session
 * of its own gives, the rules that fired included, whatever case the session held before.
 */
class SessionPoolTest {
    private static final KnowledgeBase RULES = KnowledgeBase.load(ProjectRules.FOLDER);

    @Provide
    Arbitrary<Map<String, Object>> cases() {
        return GeneratedCases.documents(List.copyOf(RULES.knowledge().fixes().keySet()));
    }

    /** A session made for the case alone, as embedders get one. */
    private static Diagnosis inANewSession(KnowledgeBase rules, Symptoms symptoms) {
        var session = rules.newSession(symptoms);
        try {
            return rules.diagnose(session);
        } finally {
            session.dispose();
        }
    }

    @Property(tries = 200)
    void aReusedSessionDiagnosesAsANewOne(@ForAll("cases") Map<String, Object> document) {
        Symptoms symptoms = RULES.reader().fromMap("<case>", document).symptoms();

        // Each try runs in the session the try before it used.
        assertThat(RULES.diagnose(symptoms)).isEqualTo(inANewSession(RULES, symptoms));
    }

    @TempDir
    Path folder;

    @Test
    void aSessionWhoseRuleFailedIsReusedClean() throws IOException {
        ProjectRules.copyInto(folder);
        Files.writeString(folder.resolve("extra.drl"), """
                package streamfix;
                import io.streamfix.model.*;

                rule "Fails on a console"
                    ruleflow-group "evidence"
                when
                    Device( type == DeviceType.GAME_CONSOLE )
                then
                    throw new IllegalStateException("no consoles here");
                end
                """);
        KnowledgeBase rules = KnowledgeBase.load(folder);
        Symptoms console = new Symptoms(null, new Device(DeviceType.GAME_CONSOLE, null, null, null), null, null, null);
        Symptoms phone = new Symptoms(null, new Device(DeviceType.MOBILE, null, false, null), null, null, null);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> rules.diagnose(console)).isInstanceOf(RuleFault.class);
            assertThat(rules.diagnose(phone)).isEqualTo(inANewSession(rules, phone));
        }
    }
}
