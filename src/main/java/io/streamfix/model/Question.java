package io.streamfix.model;

import java.util.List;

/**
 * A question whose answer could change the diagnosis: about one unknown fact of the symptom file.
 * The engine asks only questions whose answers change something, best first (see
 * {@code io.streamfix.engine.QuestionRanker}); the texts come from {@code rules/questions.yaml}.
 *
 * @param fact    the fact's path in the symptom file, e.g. {@code network.vpn_active}
 * @param text    the question in plain words
 * @param why     why the answer matters, shown when the viewer asks "why?"
 * @param answers what the viewer may answer; {@code yes}/{@code no} stand for true/false
 */
public record Question(String fact, String text, String why, List<String> answers) {
    public Question {
        answers = List.copyOf(answers);
    }
}
