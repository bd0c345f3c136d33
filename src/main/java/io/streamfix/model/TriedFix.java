package io.streamfix.model;

/**
 * A fix the viewer already tried, and what came of it.
 *
 * <pre>{@code
 * new TriedFix("restart_network", FixResult.FAILED);        // how long it took is not known
 * new TriedFix("restart_network", FixResult.FAILED, 6.0);   // it took six minutes
 * }</pre>
 *
 * @param fix     the fix id, e.g. {@code restart_network}
 * @param result  failed or helped
 * @param minutes how long the attempt took, in minutes (at least 0), or {@code null} when not known;
 *                ticket histories record it, and calibration learns each fix's typical minutes from it
 */
public record TriedFix(String fix, FixResult result, Double minutes) {

    public TriedFix {
        if (minutes != null && !(minutes >= 0 && Double.isFinite(minutes))) {
            throw new IllegalArgumentException("minutes must be a finite number >= 0, got " + minutes);
        }
    }

    /** A tried fix whose duration is not known. */
    public TriedFix(String fix, FixResult result) {
        this(fix, result, null);
    }
}
