package io.streamfix.input;

import java.util.List;

/**
 * The rules a symptom file's YAML is held to, for the rules folder's data files too
 * ({@code knowledge.yaml}, {@code questions.yaml}): one document, no duplicate keys (which value a YAML
 * library keeps differs), no aliases, no tags beyond the core schema's, no control characters. A data
 * file is a rule author's, so its size limits are larger than a symptom file's.
 *
 * <pre>{@code
 * List<InputProblem> problems = StrictYaml.check("rules/knowledge.yaml", text);
 * }</pre>
 */
public final class StrictYaml {
    /** A data file: far larger and longer texts than a symptom file, the same nesting. */
    private static final YamlTreeParser DATA_FILES = new YamlTreeParser(new InputLimits(64L << 20, 20, 1 << 20));

    private StrictYaml() {
    }

    /**
     * The problems of a data file's text, located; empty when it keeps the rules. Text that is not YAML
     * at all is left to the file's own reader, whose messages know the file's layout.
     */
    public static List<InputProblem> check(String source, String text) {
        Problems problems = new Problems(source);
        return DATA_FILES.parse(text, problems) == null ? List.of() : problems.inOrder();
    }
}
