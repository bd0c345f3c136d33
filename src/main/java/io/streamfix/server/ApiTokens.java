package io.streamfix.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API tokens a service accepts, read from a token file that holds only their SHA-256 hashes, one a
 * line, each with a name ({@code streamfix token} writes the lines):
 *
 * <pre>
 * # streamfix API tokens (hashes only)
 * sha256:5e8f…c1 support-tool 2026-12-02
 * sha256:9a0b…77 agent-page
 * </pre>
 *
 * <p>Several lines may stand at once, so that a token is rotated without downtime: add the new one,
 * move the clients to it, delete the old line. The file is read again when it changes (checked at most
 * once a second); an edit that does not parse is logged and the tokens read before stay in force.
 *
 * <pre>{@code
 * ApiTokens tokens = ApiTokens.load(Path.of("tokens.txt"));
 * boolean ok = tokens.accepts("sfx_…");
 * }</pre>
 *
 * <p>A plain SHA-256 is enough here, unlike for passwords: the tokens are 256 random bits, so there is
 * no dictionary to try, and a slow hash would be paid on every request.
 */
public final class ApiTokens {
    /** What a token starts with, so that one found in a log or a commit is recognised as a streamfix token. */
    static final String PREFIX = "sfx_";
    private static final Pattern LINE = Pattern.compile("sha256:([0-9a-f]{64})(?:\\s+(\\S.*))?");
    private static final long RECHECK_NANOS = 1_000_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);

    /** A token's hash and the name the file gives it. */
    record Entry(byte[] hash, String name) {
    }

    private final Path file;
    private volatile List<Entry> entries;
    private volatile FileTime readAt;
    private volatile long checkedAt;

    private ApiTokens(Path file, List<Entry> entries, FileTime readAt) {
        this.file = file;
        this.entries = entries;
        this.readAt = readAt;
        this.checkedAt = System.nanoTime();
    }

    /**
     * Reads a token file.
     *
     * @throws TokenFileException when it cannot be read, a line is not a token hash, or it holds none
     */
    public static ApiTokens load(Path file) {
        FileTime modified = modified(file);
        return new ApiTokens(file, read(file), modified);
    }

    /** The file the tokens come from. */
    public Path file() {
        return file;
    }

    /** How many tokens are accepted now. */
    public int size() {
        return entries.size();
    }

    /** Whether {@code token} (what follows {@code Bearer }) is one of the file's, compared in constant time. */
    public boolean accepts(String token) {
        refresh();
        byte[] hash = sha256(token);
        boolean found = false;
        for (Entry entry : entries) {
            found |= MessageDigest.isEqual(entry.hash(), hash); // no early exit: every entry costs the same
        }
        return found;
    }

    /** A new random token: {@code sfx_} and 43 URL-safe characters (256 bits). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token file line for {@code token}: {@code sha256:<hex> name}. */
    public static String line(String token, String name) {
        return "sha256:" + HexFormat.of().formatHex(sha256(token)) + (name.isBlank() ? "" : " " + name.strip());
    }

    private void refresh() {
        long now = System.nanoTime();
        if (now - checkedAt < RECHECK_NANOS) {
            return;
        }
        checkedAt = now;
        try {
            FileTime modified = modified(file);
            if (!modified.equals(readAt)) {
                entries = read(file);
                readAt = modified;
                LOG.info("tokens reloaded from {} ({} in force)", file, entries.size());
            }
        } catch (TokenFileException e) {
            LOG.warn("the edited token file cannot be used; the tokens read before stay in force: {}", e.getMessage());
        }
    }

    private static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TokenFileException(file + ": no such file (create one with: streamfix token --file " + file + ")");
        } catch (IOException | UncheckedIOException e) {
            throw new TokenFileException(file + ": cannot be read: " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new TokenFileException(file + ":" + (i + 1) + ": expected sha256:<64 lower-case hex digits> and "
                        + "a name, e.g. the lines `streamfix token --file " + file + "` writes"
                        + (line.startsWith(PREFIX) ? "; this looks like a token itself: the file holds only hashes" : ""));
            }
            String name = matcher.group(2) == null ? "line " + (i + 1) : matcher.group(2);
            entries.add(new Entry(HexFormat.of().parseHex(matcher.group(1)), name));
        }
        if (entries.isEmpty()) {
            throw new TokenFileException(file + ": holds no token (add one with: streamfix token --file " + file + ")");
        }
        return List.copyOf(entries);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            throw new TokenFileException(file + ": no such file (create one with: streamfix token --file " + file + ")");
        } catch (IOException e) {
            throw new TokenFileException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A token file that cannot be used: the message names the file and, for a bad line, its number. */
    public static final class TokenFileException extends RuntimeException {
        TokenFileException(String message) {
            super(message);
        }
    }
}
