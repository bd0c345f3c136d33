package io.streamfix.engine;

import io.streamfix.ProjectRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules folder's data files are held to the symptom files' YAML rules (issue 14, defect 10): a key
 * given twice or a YAML tag is an error with its line, not the last value silently winning.
 */
class StrictDataFilesTest {
    @TempDir
    Path rules;

    @Test
    void aKeyGivenTwiceInKnowledgeYamlIsAnErrorWithBothLines() throws Exception {
        Path knowledge = ProjectRules.copyInto(rules).resolve("knowledge.yaml");
        Files.writeString(knowledge, Files.readString(knowledge) + "\nerror_codes: [NSEZ-404]\n");
        int line = (int) Files.readString(knowledge).lines().count();

        assertThatThrownBy(() -> KnowledgeBase.load(rules)).isInstanceOf(RulesException.class)
                .satisfies(e -> assertThat(((RulesException) e).problems()).anySatisfy(p -> {
                    assertThat(p.file()).endsWith("knowledge.yaml");
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.message()).contains("duplicate key \"error_codes\"").contains("first at line");
                }));
    }

    @Test
    void aYamlTagInKnowledgeYamlIsAnError() throws Exception {
        Path knowledge = ProjectRules.copyInto(rules).resolve("knowledge.yaml");
        Files.writeString(knowledge, Files.readString(knowledge)
                .replace("error_codes: [NSEZ-403]", "error_codes: !java.util.ArrayList [NSEZ-403]"));

        assertThatThrownBy(() -> KnowledgeBase.load(rules)).isInstanceOf(RulesException.class)
                .hasMessageContaining("YAML tags such as !java.util.ArrayList are not allowed");
    }

    @Test
    void aFactGivenTwiceInQuestionsYamlIsAnError() throws Exception {
        Path questions = ProjectRules.copyInto(rules).resolve("questions.yaml");
        String text = Files.readString(questions);
        String firstFact = text.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" "))
                .findFirst().orElseThrow();
        Files.writeString(questions, text + "\n" + firstFact + "\n  text: Again?\n  why: Twice.\n");

        assertThatThrownBy(() -> KnowledgeBase.load(rules)).isInstanceOf(RulesException.class)
                .hasMessageContaining("duplicate key");
    }

    @Test
    void aNumberTooLargeInTheDataIsSaidSoNotInfinity() throws Exception {
        Path knowledge = ProjectRules.copyInto(rules).resolve("knowledge.yaml");
        Files.writeString(knowledge, Files.readString(knowledge).replaceFirst("base_rate: [0-9.]+", "base_rate: 1.0e+400"));
        Path likelihoods = rules.resolve("likelihoods.yaml");
        Files.writeString(likelihoods, Files.readString(likelihoods).replaceFirst("vpn_or_proxy: 5\\.0", "vpn_or_proxy: 1.0e+400"));

        assertThatThrownBy(() -> KnowledgeBase.load(rules)).isInstanceOf(RulesException.class)
                .hasMessageContaining("base_rate: expected a probability from 0 to 1, got a number too large to read")
                .hasMessageNotContaining("Infinity");
        Files.writeString(knowledge, Files.readString(ProjectRules.FOLDER.resolve("knowledge.yaml")));
        assertThatThrownBy(() -> KnowledgeBase.load(rules)).isInstanceOf(RulesException.class)
                .hasMessageContaining("got a number too large to read").hasMessageNotContaining("Infinity");
    }

    @Test
    void theProjectsOwnDataFilesKeepTheRules() {
        assertThat(KnowledgeBase.load(ProjectRules.FOLDER).knowledge().errorCodes()).contains("NSEZ-403");
    }
}
