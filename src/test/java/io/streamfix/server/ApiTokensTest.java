package io.streamfix.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {
    @TempDir
    Path dir;

    @Test
    void acceptsEveryTokenOfTheFileAndNothingElse() throws IOException {
        String first = ApiTokens.newToken();
        String second = ApiTokens.newToken();
        Path file = Files.writeString(dir.resolve("tokens.txt"), "# ours\n\n" + ApiTokens.line(first, "tool 2026-12-02") + "\n"
                + ApiTokens.line(second, "page") + "\n");

        ApiTokens tokens = ApiTokens.load(file);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.accepts(first)).isTrue();
        assertThat(tokens.accepts(second)).isTrue();
        assertThat(tokens.accepts(first + "x")).isFalse();
        assertThat(tokens.accepts("")).isFalse();
        assertThat(Files.readString(file)).as("the file holds hashes only").doesNotContain(first, second);
    }

    @Test
    void newTokensAreRandom256BitsWithTheirPrefix() {
        String token = ApiTokens.newToken();

        assertThat(token).matches("sfx_[A-Za-z0-9_-]{43}");
        assertThat(ApiTokens.newToken()).isNotEqualTo(token);
        assertThat(ApiTokens.line(token, "x")).matches("sha256:[0-9a-f]{64} x");
    }

    @Test
    void aLineThatIsNotAHashIsReportedWithItsNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("tokens.txt"), "# ours\n" + ApiTokens.newToken() + "\n");

        assertThatThrownBy(() -> ApiTokens.load(file)).isInstanceOf(ApiTokens.TokenFileException.class)
                .hasMessageContaining(file + ":2: expected sha256:<64 lower-case hex digits>")
                .hasMessageContaining("this looks like a token itself");
    }

    @Test
    void aMissingOrEmptyFileSaysHowToMakeOne() throws IOException {
        assertThatThrownBy(() -> ApiTokens.load(dir.resolve("none.txt")))
                .hasMessageContaining("no such file (create one with: streamfix token --file");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing yet\n");
        assertThatThrownBy(() -> ApiTokens.load(empty)).hasMessageContaining("holds no token");
    }
}
