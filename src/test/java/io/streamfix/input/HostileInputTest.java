package io.streamfix.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Input meant to hurt: oversized, deeply nested, self-expanding, typed, binary. Each is refused cleanly. */
class HostileInputTest {
    private final SymptomsReader reader = new SymptomsReader(Set.of("NSEZ-403"),
            Set.of("restart_network", "disable_vpn_proxy"), Set.of("vpn_or_proxy"));

    @TempDir
    Path dir;

    /** Counts constructions: a YAML tag naming this class must never create one. */
    public static final class Bomb {
        static final AtomicInteger BUILT = new AtomicInteger();

        public Bomb() {
            BUILT.incrementAndGet();
        }
    }

    private String problems(String yaml) {
        try {
            reader.read("x.yaml", yaml);
        } catch (InvalidSymptomsException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    private String problems(Path file) {
        try {
            reader.read(file);
        } catch (InvalidSymptomsException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + file);
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(2 << 20) + "\ndevice: {model: TV}\n");

        assertThat(problems(big)).contains("the file is too large").contains("at most 1048576")
                .contains("--max-input-size");
        // The same file within a raised limit is read: the limit, not the content, refused it.
        SymptomsReader generous = reader.withLimits(InputLimits.DEFAULT.withMaxFileBytes(4 << 20));
        assertThat(generous.read(big).symptoms().device().model()).isEqualTo("TV");
    }

    @Test
    void aValueOverTheLengthLimitIsRefusedWithItsPlace() {
        String yaml = "device:\n  model: " + "x".repeat(1_001) + "\n";

        assertThat(problems(yaml)).isEqualTo("x.yaml:2:10: device.model: the value is too long (1001 characters; at most 1000)");
    }

    @Test
    void aKeyOverTheLengthLimitIsRefusedWithoutEchoingIt() {
        // An explicit key (?) has no length limit in YAML itself; a plain one stops at 1024 characters.
        String yaml = "network:\n  ? " + "k".repeat(5_000) + "\n  : true\n";

        assertThat(problems(yaml)).isEqualTo("x.yaml:2:5: network: a key is too long (5000 characters; at most 1000)");
    }

    @Test
    void aPlainKeyPastYamlsOwnLimitIsOneProblemNotASyntaxError() {
        // SnakeYAML reads a plain key of more than 1024 characters as a value, then trips on its colon.
        String nested = "network:\n  " + "k".repeat(5_000) + ": true\n";
        String atTheTop = "k".repeat(5_000) + ": 1\n";

        assertThat(problems(nested)).isEqualTo("x.yaml:2:3: network: a key is too long (5000 characters; at most 1000)");
        assertThat(problems(atTheTop)).isEqualTo("x.yaml:1:1: a key is too long (5000 characters; at most 1000)");
    }

    @Test
    void aLongValueOnItsOwnLineIsStillAValueTooLong() {
        String yaml = "device:\n  model: " + "x".repeat(5_000) + "\nnetwork:\n  isp: x: y\n";

        assertThat(problems(yaml)).startsWith("x.yaml:2:10: device.model: the value is too long (5000 characters")
                .contains("x.yaml:4:9: YAML syntax error");
    }

    @Test
    void aNumberTooLargeToBeOneIsRefusedWhereItStands() {
        assertThat(problems("tried:\n  - fix: restart_network\n    result: failed\n    minutes: 1e400\n"))
                .isEqualTo("x.yaml:4:14: tried[0].minutes: expected a number of minutes (0 to 10080), got 1e400, "
                        + "a number too large to read (numbers go up to about 1.8e308)");
        assertThat(problems("device:\n  model: -1.5e+999\n"))
                .isEqualTo("x.yaml:2:10: device.model: expected text, got -1.5e+999, a number too large to read "
                        + "(numbers go up to about 1.8e308) — if it is text, write it in quotes: \"-1.5e+999\"");
        assertThat(problems("network:\n  vpn_active: 1e400\n")).contains("network.vpn_active: expected true or false, got 1e400, a number too large");
        // Quoted, it is text as written; .inf says infinity on purpose and stays the text it is.
        assertThat(reader.read("x.yaml", "device:\n  model: \"1e400\"\n").symptoms().device().model()).isEqualTo("1e400");
        assertThat(reader.read("x.yaml", "device:\n  model: .inf\n").symptoms().device().model()).isEqualTo(".inf");
    }

    @Test
    void aNumberTooLargeInAMapIsRefusedTooNotReadAsInfinity() {
        assertThatThrownBy(() -> reader.fromMap("<request>", java.util.Map.of("device",
                java.util.Map.of("model", new java.math.BigDecimal("1e400")))))
                .hasMessageContaining("device.model: expected text, got 1E+400, a number too large to read")
                .hasMessageNotContaining("Infinity");
    }

    @Test
    void aValueOverTheLengthLimitInAMapIsRefusedToo() {
        assertThatThrownBy(() -> reader.fromMap("<request>", java.util.Map.of("network",
                java.util.Map.of("isp", "y".repeat(5_000)))))
                .hasMessageContaining("network.isp: the value is too long");
    }

    @Test
    void aBillionLaughsFileIsRejectedAtOnceWithoutExpandingAnything() {
        String laughs = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                device:
                  model: *i
                """;

        // A safety net only: the file is refused in milliseconds; expanded, it would be 10^9 strings.
        String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(laughs));

        assertThat(message).contains("x.yaml:11:10: device.model: aliases (*i) are not supported");
    }

    @Test
    void aTagNamingAJavaClassIsRefusedAndNothingIsBuilt() {
        String yaml = "device:\n  model: !!io.streamfix.input.HostileInputTest$Bomb {}\n";

        assertThat(problems(yaml)).contains("x.yaml:2:10: device.model: YAML tags such as")
                .contains("HostileInputTest$Bomb are not allowed");
        assertThat(Bomb.BUILT).hasValue(0);
    }

    @Test
    void theClassicGadgetTagsAreRefused() {
        assertThat(problems("device: !!java.lang.Runtime {}\n")).contains("YAML tags such as");
        assertThat(problems("""
                network:
                  isp: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x"]]]]
                """)).contains("network.isp: YAML tags such as").contains("ScriptEngineManager");
        assertThat(problems("network:\n  isp: !local hello\n")).contains("network.isp: YAML tags such as !local");
    }

    @Test
    void theCoreSchemaTagsOnlyRestateATypeAndAreAccepted() {
        SymptomCase read = reader.read("x.yaml", "device:\n  model: !!str 2024\n");
        assertThat(read.symptoms().device().model()).isEqualTo("2024");
    }

    @Test
    void binaryFilesAreRejectedAsNotText() throws IOException {
        Path png = dir.resolve("photo.yaml");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});

        assertThat(problems(png)).isEqualTo(png + ": cannot read the file: it is not UTF-8 text");
    }

    @Test
    void utf16FilesAreRejectedAsNotUtf8() throws IOException {
        Path utf16 = dir.resolve("utf16.yaml");
        Files.write(utf16, "\uFEFFdevice: {model: TV}\n".getBytes(StandardCharsets.UTF_16));

        assertThat(problems(utf16)).endsWith("cannot read the file: it is not UTF-8 text");
    }

    @Test
    void latin1TextIsRejectedAsNotUtf8() throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "network:\n  isp: T\u00e9l\u00e9com\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problems(latin1)).endsWith("cannot read the file: it is not UTF-8 text");
    }

    @Test
    void aNulCharacterIsRejected() throws IOException {
        Path nul = dir.resolve("nul.yaml");
        Files.writeString(nul, "device:\n  model: \"a\u0000b\"\n");

        assertThat(problems(nul)).isEqualTo(nul + ":2:12: the character U+0000 is not allowed in a YAML file"
                + " (control characters such as NUL mean binary data, not text)");
    }

    @Test
    void aControlCharacterFarIntoALongFileIsLocatedWhereItIs() {
        String yaml = "device:\n  model: TV\n".repeat(1) + "# padding\n".repeat(500) + "network:\n  isp: \u0007\n";

        assertThat(problems(yaml)).startsWith("x.yaml:504:8: the character U+0007 is not allowed");
    }

    @Test
    void aFileThatNeverEndsIsCutOffAtTheLimit() {
        // A device or a pipe reports size 0, so only the read itself can stop at the limit.
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");
        SymptomsReader small = reader.withLimits(InputLimits.DEFAULT.withMaxFileBytes(64 << 10));

        String message = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                small.read(endless);
            } catch (InvalidSymptomsException e) {
                return e.getMessage();
            }
            throw new AssertionError("accepted /dev/zero");
        });

        assertThat(message).isEqualTo("/dev/zero: the file is too large (more than 65536 bytes; --max-input-size"
                + " raises the limit)");
    }
}
