package io.streamfix.cases;

/**
 * What recording a step (or opening a case) came to.
 *
 * @param kept      the case as it is now kept
 * @param step      the step recorded, or {@code null} for an opening
 * @param duplicate whether the request id had been seen before: nothing new was kept, and {@code kept}
 *                  and {@code step} are what the first request recorded
 */
public record Recorded(CaseRecord kept, CaseStep step, boolean duplicate) {
}
