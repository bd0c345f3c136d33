package io.streamfix.cases;

import io.streamfix.engine.KnowledgeBase;

import java.util.Map;

/**
 * Gives the advice for a case's symptom document: the store calls it with the document as a step
 * leaves it, before it keeps the step, so that each step is kept with the advice it led to. It checks
 * the document as a symptom file is checked and throws
 * {@link io.streamfix.input.InvalidSymptomsException} when it is not valid (then nothing is kept).
 *
 * <pre>{@code
 * Advisor advisor = document -> {
 *     Diagnosis diagnosis = rules.diagnoseWithQuestions(rules.reader().fromMap("<case>", document).symptoms());
 *     return Advice.of(diagnosis, rules.version());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Advisor {
    Advice advise(Map<String, Object> document);

    /** The advice of a plain diagnosis with these rules (no questions ranked): what the CLI keeps. */
    static Advisor of(KnowledgeBase rules) {
        return document -> Advice.of(rules.diagnose(rules.reader().fromMap("<case>", document).symptoms()),
                rules.version());
    }
}
