package io.streamfix.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes such as {@code 2097152}, {@code 512KiB} or {@code 2MiB} into bytes, for picocli options. */
final class ByteSize implements ITypeConverter<Long> {
    /** The largest size accepted: an input is read whole into memory, and Java arrays stop short of 2 GiB. */
    static final long MAX = 256L << 20;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|kib|kb|k|mib|mb|m|gib|gb|g)");

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size: write bytes (2097152) or 512KiB, 2MiB");
        }
        long unit = switch (m.group(2)) {
            case "", "b" -> 1L;
            case "kib", "kb", "k" -> 1L << 10;
            case "mib", "mb", "m" -> 1L << 20;
            default -> 1L << 30;
        };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too large a size");
        }
        if (bytes < 1) {
            throw new TypeConversionException("the size must be at least 1 byte");
        }
        if (bytes > MAX) {
            throw new TypeConversionException("'" + value + "' is more than the largest input size, 256MiB "
                    + "(a symptom document is a few hundred bytes; the input is read into memory whole)");
        }
        return bytes;
    }
}
