package io.streamfix.model;

import io.streamfix.GeneratedCases;
import io.streamfix.ProjectRules;
import io.streamfix.engine.KnowledgeBase;
import io.streamfix.input.SymptomDocument;
import io.streamfix.input.SymptomFact;
import io.streamfix.input.SymptomsReader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Symptoms#with}: a case plus an answer is the case whose file holds that answer. */
class SymptomsTest {
    private static final KnowledgeBase RULES = KnowledgeBase.load(ProjectRules.FOLDER);
    private static final SymptomsReader READER = RULES.reader();

    @Provide
    Arbitrary<Map<String, Object>> cases() {
        return GeneratedCases.documents(List.copyOf(RULES.knowledge().fixes().keySet()));
    }

    @Property(tries = 200)
    void anAnswerAddedToACaseIsTheCaseWrittenWithThatAnswer(@ForAll("cases") Map<String, Object> document) {
        Symptoms symptoms = READER.fromMap("<case>", document).symptoms();
        for (SymptomFact fact : SymptomFact.ALL) {
            for (String answer : fact.answers()) {
                Symptoms answerOnly = READER.fromMap("<answer>",
                        SymptomDocument.withAnswer(Map.of(), fact.path(), answer)).symptoms();
                Symptoms written = READER.fromMap("<written>",
                        SymptomDocument.withAnswer(document, fact.path(), answer)).symptoms();

                assertThat(symptoms.with(answerOnly)).as("%s: %s", fact.path(), answer).isEqualTo(written);
            }
        }
    }

    @Property(tries = 50)
    void nothingLearnedChangesNothing(@ForAll("cases") Map<String, Object> document) {
        Symptoms symptoms = READER.fromMap("<case>", document).symptoms();

        assertThat(symptoms.with(READER.fromMap("<nothing>", Map.of()).symptoms())).isEqualTo(symptoms);
    }
}
