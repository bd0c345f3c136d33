package io.streamfix.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.streamfix.cli.CliIT.streamfix;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder's odd entries are reported and counted, and do not lose the batch (issue 14, defects 7 and
 * 8): a subfolder whose path is longer than the system allows, a dangling link, a link loop and a FIFO
 * named {@code *.yaml} each get one problem line, and the good files are still diagnosed.
 */
class BatchOddEntriesIT {
    @TempDir
    Path cases;

    @Test
    void oddEntriesAreReportedCountedAndTheGoodFilesDiagnosed() throws Exception {
        Files.copy(Path.of("facts/vpn-active-phone.yaml"), cases.resolve("good.yaml"));
        // Each name is short; the whole path passes PATH_MAX (4096) only deep down, made with relative cd.
        bash("""
                mkfifo fifo.yaml
                ln -s nowhere.yaml dangling.yaml
                ln -s loop.yaml loop.yaml
                mkdir deep && cd deep
                name=$(printf 'd%.0s' $(seq 1 200))
                for i in $(seq 1 22); do mkdir "$name" && cd "$name"; done
                cp "$GOOD" deep.yaml
                """);

        CliIT.Run run = streamfix("diagnose", "--summary", "--format", "jsonl", cases.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("internal error").doesNotContain("\tat ");
        List<String> lines = Arrays.asList(run.out().split("\n"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("good.yaml").contains("\"status\":\"in_progress\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("fifo.yaml").contains("not a regular file"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("dangling.yaml").contains("symbolic link to nothing"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("loop.yaml").contains("symbolic links"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("File name too long"));
        assertThat(run.out()).contains("\"inputs\":5").contains("\"diagnosed\":1").contains("\"failed\":4");
    }

    /** JUnit cannot delete a path longer than PATH_MAX; rm can. */
    @AfterEach
    void removeTheDeepFolder() throws Exception {
        bash("rm -rf deep");
    }

    private void bash(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euc", script).directory(cases.toFile()).inheritIO();
        builder.environment().put("GOOD", cases.resolve("good.yaml").toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }
}
