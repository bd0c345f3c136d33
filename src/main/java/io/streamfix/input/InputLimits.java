package io.streamfix.input;

/**
 * How much input the reader accepts. Symptom files are a few hundred bytes; the limits leave ample room
 * and keep a hostile or broken file from costing time or memory. Inputs past a limit are rejected with
 * a problem that names the limit (exit code 2 in the CLI).
 *
 * <pre>{@code
 * SymptomsReader generous = reader.withLimits(InputLimits.DEFAULT.withMaxFileBytes(8 << 20));
 * }</pre>
 *
 * @param maxFileBytes    the largest file read, checked before reading it (also caps the characters parsed)
 * @param maxDepth        the deepest nesting of mappings and lists (a symptom file needs 3)
 * @param maxStringLength the longest single value, in characters (a device model or a provider name)
 */
public record InputLimits(long maxFileBytes, int maxDepth, int maxStringLength) {

    /** 1 MiB files, 20 levels, 1,000-character values. */
    public static final InputLimits DEFAULT = new InputLimits(1L << 20, 20, 1_000);

    public InputLimits {
        if (maxFileBytes < 1 || maxDepth < 4 || maxStringLength < 1) {
            throw new IllegalArgumentException("limits too small: " + maxFileBytes + " bytes, depth " + maxDepth
                    + ", " + maxStringLength + " characters");
        }
    }

    /** The same limits with another maximum file size. */
    public InputLimits withMaxFileBytes(long bytes) {
        return new InputLimits(bytes, maxDepth, maxStringLength);
    }

    /** The most characters a file within {@link #maxFileBytes} can hold (one byte per ASCII character). */
    int maxCodePoints() {
        return (int) Math.min(Integer.MAX_VALUE, maxFileBytes);
    }
}
