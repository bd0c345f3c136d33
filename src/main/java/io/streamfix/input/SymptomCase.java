package io.streamfix.input;

import io.streamfix.model.Expectation;
import io.streamfix.model.Symptoms;
import java.util.Objects;

/**
 * A symptom file once read: the facts of the case and, for test files, the outcome they must produce.
 *
 * @param source      where it came from: a file name, or e.g. {@code <request>}
 * @param symptoms    the facts; absent parts are unknown
 * @param expectation the {@code expect:} block, or {@code null} when the file has none
 */
public record SymptomCase(String source, Symptoms symptoms, Expectation expectation) {

    public SymptomCase {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(symptoms, "symptoms");
    }
}
