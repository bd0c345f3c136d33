package io.streamfix.consultation;

import io.streamfix.Troubleshooter;
import io.streamfix.model.Question;
import io.streamfix.model.Status;
import io.streamfix.model.Symptoms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The consultation's state through the real rules: answers, skips, going back, fixes, saving. */
class ConsultationTest {
    private static Troubleshooter troubleshooter;

    @BeforeAll
    static void load() {
        troubleshooter = Troubleshooter.load(Path.of("rules"));
    }

    @Test
    void anAnswerIsAFactAndBackUndoesIt() {
        Consultation consultation = new Consultation(troubleshooter, new Symptoms(null, null, null, null, null));
        Question question = consultation.question().orElseThrow();
        String first = question.fact();
        String field = first.substring(first.indexOf('.') + 1) + ": ";

        consultation.answer(question.answers().get(0));
        assertThat(consultation.question().map(Question::fact)).isNotEqualTo(java.util.Optional.of(first));
        assertThat(consultation.toYaml()).contains(field);

        assertThat(consultation.back()).isTrue();
        assertThat(consultation.question().orElseThrow().fact()).isEqualTo(first);
        assertThat(consultation.toYaml()).doesNotContain(field);
        assertThat(consultation.back()).isFalse();
    }

    @Test
    void aSkippedQuestionIsKnownAsSkipped() {
        Consultation consultation = new Consultation(troubleshooter, new Symptoms(null, null, null, null, null));
        String first = consultation.question().orElseThrow().fact();
        assertThat(consultation.skipped(first)).isFalse();

        consultation.skip();

        assertThat(consultation.skipped(first)).isTrue();
        assertThat(consultation.question().map(Question::fact)).isNotEqualTo(java.util.Optional.of(first));
    }

    @Test
    void skippingEveryQuestionLeadsToTheFixesAndAFixThatHelpedResolves() {
        Consultation consultation = new Consultation(troubleshooter, new Symptoms(null, null, null, null, null));
        while (consultation.step() == Consultation.Step.QUESTION) {
            consultation.skip();
        }
        assertThat(consultation.step()).isEqualTo(Consultation.Step.FIX);
        String fix = consultation.fix().orElseThrow().id();
        assertThat(fix).isEqualTo("disable_vpn_proxy");

        consultation.fixTried(true);

        assertThat(consultation.step()).isEqualTo(Consultation.Step.RESOLVED);
        Symptoms saved = troubleshooter.reader().read("<saved>", consultation.toYaml()).symptoms();
        assertThat(troubleshooter.diagnose(saved).status()).isEqualTo(Status.RESOLVED);
        assertThat(saved).isEqualTo(consultation.symptoms());
    }

    @Test
    void aWrongAnswerIsRefusedWithTheAnswersExpected() {
        Consultation consultation = new Consultation(troubleshooter, new Symptoms(null, null, null, null, null));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> consultation.answer("maybe"));
        assertThat(Stream.of("yes", "no")).allMatch(a -> Consultation.normalize(consultation.question().orElseThrow(), a).isPresent()
                || !consultation.question().orElseThrow().answers().contains(a));
    }
}
