package io.streamfix.model;

import java.util.List;

/**
 * A question worth asking: about one unknown fact of the symptom file, whose answer is expected to
 * save more minutes than asking costs. The engine asks them best first (see
 * {@code io.streamfix.engine.QuestionRanker}); the texts come from {@code rules/questions.yaml}.
 *
 * @param fact    the fact's path in the symptom file, e.g. {@code network.vpn_active}
 * @param text    the question in plain words
 * @param why     why the answer matters, shown when the viewer asks "why?"
 * @param answers what the viewer may answer; {@code yes}/{@code no} stand for true/false
 * @param minutesSaved the expected minutes to resolution that asking saves, the question's own minutes
 *                paid (its value of information); 0 for the device type asked only to show the steps
 */
public record Question(String fact, String text, String why, List<String> answers, double minutesSaved) {
    public Question {
        answers = List.copyOf(answers);
    }
}
