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
        assertThat(size.convert("1g")).isEqualTo(1L << 30);
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
