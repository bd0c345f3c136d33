package io.streamfix.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sizes {@code --max-input-size} accepts. */
class ByteSizeTest {
    private final ByteSize size = new ByteSize();

    @Test
    void readsBytesAndBinaryUnits() {
        assertThat(size.convert("500000")).isEqualTo(500_000L);
        assertThat(size.convert("512KiB")).isEqualTo(512L << 10);
        assertThat(size.convert("2 MiB")).isEqualTo(2L << 20);
        assertThat(size.convert("256m")).isEqualTo(256L << 20);
    }

    /** Issue 14, defect 4: 2 GiB and more overflowed an int (500s, one byte read, an OutOfMemoryError). */
    @Test
    void refusesSizesPastTheLargestInputInsteadOfOverflowing() {
        for (String tooLarge : new String[] {"3GiB", "4GiB", "1g", "257MiB"}) {
            assertThatThrownBy(() -> size.convert(tooLarge)).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("more than the largest input size, 256MiB");
        }
    }

    @Test
    void refusesWhatIsNotASize() {
        assertThatThrownBy(() -> size.convert("lots")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'lots' is not a size");
        assertThatThrownBy(() -> size.convert("0")).hasMessageContaining("at least 1 byte");
        assertThatThrownBy(() -> size.convert("-5MiB")).hasMessageContaining("is not a size");
    }

    @Test
    void refusesSizesThatDoNotFitRatherThanWrappingAround() {
        assertThatThrownBy(() -> size.convert("9999999999GiB")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> size.convert("99999999999999999999")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("too large");
    }
}
