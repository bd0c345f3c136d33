package io.streamfix.input;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Finds the "did you mean …?" for a misspelt key, value or id (in symptom files and in rules). */
public final class Suggestions {

    /** Typos further than this from every candidate get no suggestion: it would be a guess. */
    private static final int MAX_TYPOS = 2;

    private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(MAX_TYPOS);

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input}: one spelt the same but for case, spaces, hyphens and
     * underscores, else one at most two edits away (fewer for very short inputs, where two edits would
     * turn anything into anything). Ties go to the first candidate in iteration order.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        Optional<String> same = sameSpelling(input, candidates);
        if (same.isPresent()) {
            return same;
        }
        String typed = input.toLowerCase(Locale.ROOT);
        int allowed = Math.min(MAX_TYPOS, (typed.length() + 1) / 2);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = DISTANCE.apply(typed, candidate.toLowerCase(Locale.ROOT));
            if (distance >= 0 && distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The candidate spelt like {@code input} but for case, spaces, hyphens and underscores
     * ({@code Smart-TV} for {@code smart_tv}); no typo tolerance, for ids where a near miss is likely
     * another real id ({@code NSEZ-404} is not a typo of {@code NSEZ-403}).
     */
    public static Optional<String> sameSpelling(String input, Collection<String> candidates) {
        String typed = normalize(input);
        return candidates.stream().filter(candidate -> normalize(candidate).equals(typed)).findFirst();
    }

    /** {@code  — did you mean "x"?} for the closest candidate, or {@code ""} when none is close. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(found -> " — did you mean \"" + found + "\"?").orElse("");
    }

    private static String normalize(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "_");
    }
}
