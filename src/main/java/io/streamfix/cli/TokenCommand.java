package io.streamfix.cli;

import io.streamfix.server.ApiTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/** {@code streamfix token}: makes an API token for {@code serve --tokens}, keeping only its hash. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Makes a new API token for `streamfix serve --tokens FILE`: appends its SHA-256 hash to "
                + "FILE (created, readable by you only, when missing) and prints the token once, on stdout. "
                + "The file never holds a token itself.",
                "",
                "A file may hold several tokens, one a line: to rotate one, add a new token, move the "
                + "callers to it, then delete the old line. A running service reads the file again when it changes."},
        footer = {"", "Examples:",
                "  streamfix token --file tokens.txt --name support-tool",
                "  curl -H \"Authorization: Bearer $TOKEN\" http://host:8403/v1/knowledge",
                "", "Exit codes: 0 made, 2 the file cannot be written or is not a token file."})
public final class TokenCommand implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE",
            description = "The token file to add the new token's hash to.")
    Path file;

    @Option(names = "--name", defaultValue = "token", paramLabel = "NAME",
            description = "What the token is for, kept next to its hash (default: ${DEFAULT-VALUE}).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            err.println("error: --name must be one word, e.g. support-tool, not \"" + name + "\"");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (Files.exists(file)) {
            try {
                ApiTokens.load(file); // a file of something else is never appended to
            } catch (ApiTokens.TokenFileException e) {
                if (!e.getMessage().contains("holds no token")) {
                    err.println("error: " + e.getMessage());
                    err.flush();
                    return ExitCode.BAD_INPUT;
                }
            }
        }
        String token = ApiTokens.newToken();
        String line = ApiTokens.line(token, name + " " + LocalDate.now(ZoneOffset.UTC)) + "\n";
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "# streamfix API tokens: SHA-256 hashes only, one a line (streamfix token --help)\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                onlyOwnerReads(file);
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("error: cannot write " + file + ": " + e.getMessage());
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(token);
        out.flush();
        err.println("streamfix: added the hash of a new token \"" + name + "\" to " + file
                + "; the token above is shown only now: give it to its caller");
        err.flush();
        return ExitCode.OK;
    }

    private static void onlyOwnerReads(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its own permissions apply
        }
    }
}
