package io.streamfix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library as an embedder meets it: a separate Maven project, in a temporary folder, that depends on
 * the built artifact {@code io.streamfix:streamfix}, built offline from a local repository this test
 * writes (the artifact, and for everything else this machine's local repository as a file mirror).
 * Its sources are the Java examples of the README, so the README cannot drift from the API; two of them
 * run. Runs after {@code package} (failsafe), on the jar and pom an embedder would install.
 */
class EmbedderIT {
    /** What an embedder must never get: the service's HTTP stack and the CLI's libraries. */
    private static final Pattern SERVICE_OR_CLI = Pattern.compile(
            "javalin|jetty|websocket|kotlin|picocli|slf4j-simple|selenium|okhttp|netty|jline|micrometer|prometheus|sqlite|postgresql|flyway", Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static Path project;
    private static String classpath;

    @BeforeAll
    static void buildTheEmbeddersProject() throws Exception {
        Path repository = writeLocalRepository(work.resolve("repository"));
        Path settings = Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <localRepository>%s</localRepository>
                  <!-- Everything but streamfix comes from this machine's own local repository: no network. -->
                  <mirrors><mirror><id>this-machine</id><mirrorOf>*</mirrorOf><url>%s</url></mirror></mirrors>
                </settings>
                """.formatted(repository, machineRepository().toUri()));
        project = Files.createDirectories(work.resolve("desk"));
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>support-desk</artifactId>
                  <version>1.0.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency><groupId>io.streamfix</groupId><artifactId>streamfix</artifactId><version>%s</version></dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>3.9.0</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(version()));
        writeReadmeExamples(project);

        Path log = work.resolve("mvn.log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-o", "-s", settings.toString(), "-Daether.offline.protocols=file",
                "compile",
                "dependency:tree", "-DoutputFile=tree.txt",
                "dependency:build-classpath", "-Dmdep.includeScope=compile", "-Dmdep.outputFile=classpath.txt")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).as("the embedder's build finished").isTrue();
        assertThat(mvn.exitValue()).as("the embedder's build:\n" + tail(log)).isZero();
        classpath = Files.readString(project.resolve("classpath.txt")).strip();
    }

    /** The artifact as `mvn install` puts it in a local repository: its jar and its pom. */
    private static Path writeLocalRepository(Path repository) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("io/streamfix/streamfix/" + version()));
        Files.copy(Path.of(System.getProperty("streamfix.artifact")), dir.resolve("streamfix-" + version() + ".jar"));
        Files.copy(Path.of("pom.xml"), dir.resolve("streamfix-" + version() + ".pom"));
        return repository;
    }

    private static String version() {
        return System.getProperty("streamfix.version");
    }

    private static Path machineRepository() {
        String configured = System.getProperty("streamfix.localRepository");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Every Java example of the README that is a whole class, and the DRL and ticket files the premium example reads. */
    private static void writeReadmeExamples(Path project) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Path sources = Files.createDirectories(project.resolve("src/main/java"));
        Matcher block = Pattern.compile("```(java|drl|yaml)\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> written = new ArrayList<>();
        while (block.find()) {
            String code = block.group(2);
            Matcher type = Pattern.compile("^public (?:class|record) (\\w+)", Pattern.MULTILINE).matcher(code);
            Matcher pkg = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(code);
            if (block.group(1).equals("java") && type.find()) {
                Path folder = pkg.find() ? sources.resolve(pkg.group(1).replace('.', '/')) : sources;
                Files.writeString(Files.createDirectories(folder).resolve(type.group(1) + ".java"), code);
                written.add(type.group(1));
            } else if (block.group(1).equals("drl") && code.startsWith("package desk;")) {
                Files.writeString(Files.createDirectories(project.resolve("desk")).resolve("premium.drl"), code);
                written.add("premium.drl");
            } else if (block.group(1).equals("yaml") && code.startsWith("# desk/two-failed.yaml\n")) {
                Files.writeString(Files.createDirectories(project.resolve("desk")).resolve("two-failed.yaml"), code);
                written.add("two-failed.yaml");
                assertThat(code.substring(code.indexOf('\n') + 1)).as("the README's ticket is EmbeddedRulesTest's")
                        .isEqualTo(EmbeddedRulesTest.TWO_FAILED);
            }
        }
        assertThat(written).as("the README's examples").contains("SupportDesk", "KieNativeDesk", "Account", "PremiumDesk",
                "LiveRules", "premium.drl", "two-failed.yaml");
    }

    @Test
    void theDependencyTreeHasTheEngineAndNoHttpOrCliLibrary() throws Exception {
        String tree = Files.readString(project.resolve("tree.txt"));

        assertThat(tree).contains("org.drools:drools-compiler", "org.kie:kie-api",
                "com.fasterxml.jackson.core:jackson-databind", "org.slf4j:slf4j-api");
        assertThat(SERVICE_OR_CLI.matcher(tree).find()).as(tree).isFalse();
    }

    @Test
    void theCompileClasspathIsTheEnginesOnly() throws Exception {
        List<Path> jars = Arrays.stream(classpath.split(java.io.File.pathSeparator)).map(Path::of).toList();
        long bytes = 0;
        for (Path jar : jars) {
            bytes += Files.size(jar);
        }
        System.out.printf("EmbedderIT: the embedder's compile classpath: %d jars, %.1f MB%n", jars.size(), bytes / 1e6);

        assertThat(jars).noneMatch(jar -> SERVICE_OR_CLI.matcher(jar.getFileName().toString()).find());
        // Drools with its compiler is most of it; the HTTP stack alone used to add some 30 jars.
        assertThat(jars).hasSizeLessThan(45);
    }

    @Test
    void theReadmesJavaExampleRunsAndSlf4jAloneSpeaksAboutLogging() throws Exception {
        Run run = java(Path.of(""), "SupportDesk");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("IN_PROGRESS: ").contains("\"status\":\"in_progress\"");
        // stderr: the example's own report of the bad ticket, and slf4j's notice that it has no provider.
        assertThat(run.err()).contains("ticket-4712:1:");
        assertThat(run.err().lines().filter(line -> !line.startsWith("ticket-4712:")))
                .allMatch(line -> line.startsWith("SLF4J"));
    }

    @Test
    void theKieNativeExampleGivesWhatTheCliGivesForEveryExampleFile() throws Exception {
        List<String> files;
        try (Stream<Path> facts = Files.list(Path.of("facts"))) {
            files = facts.map(Path::toString).filter(name -> name.endsWith(".yaml")).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("KieNativeDesk"));
        args.addAll(files);
        Run kieNative = java(Path.of(""), args.toArray(String[]::new));
        Process cli = new ProcessBuilder(Stream.concat(Stream.of("bash", "streamfix", "diagnose", "--format", "jsonl"),
                files.stream()).toList()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> cliLines = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(kieNative.exit()).as(kieNative.err()).isZero();
        assertThat(kieNative.err().lines()).as("stderr: slf4j's notice alone").allMatch(line -> line.startsWith("SLF4J"));
        List<String> kieLines = kieNative.out().lines().toList();
        assertThat(kieLines).hasSameSizeAs(files);
        assertThat(cliLines).hasSameSizeAs(files);
        for (int i = 0; i < files.size(); i++) {
            JsonNode fromCli = JSON.readTree(cliLines.get(i));
            assertThat(fromCli.get("file").asText()).isEqualTo(files.get(i));
            assertThat(JSON.readTree(kieLines.get(i))).as(files.get(i)).isEqualTo(fromCli.get("diagnosis"));
        }
    }

    /** The README's premium desk, on the README's ticket: streamfix alone goes on, the desk's rule escalates. */
    @Test
    void thePremiumDeskExampleEscalatesAPremiumAccountAfterTwoFailedFixes() throws Exception {
        Path ticket = project.resolve("desk/two-failed.yaml");
        Process cli = new ProcessBuilder("bash", "streamfix", "diagnose", "--format", "json", ticket.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        JsonNode alone = JSON.readTree(cli.getInputStream().readAllBytes());
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).isTrue();

        Run run = java(project, "com.example.desk.PremiumDesk", "desk/two-failed.yaml");

        assertThat(alone.get("status").asText()).as("streamfix alone on the README's ticket").isEqualTo("in_progress");
        assertThat(alone.at("/next_fix/id").asText()).isNotEmpty();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ESCALATE EscalationAdvice[to=the premium support desk, prepare=[")
                .contains("Steps already tried");
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs a class of the embedder's project with its compile classpath, in {@code directory}. */
    private static Run java(Path directory, String... mainAndArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", project.resolve("target/classes") + java.io.File.pathSeparator + classpath));
        command.addAll(List.of(mainAndArgs));
        Path out = work.resolve("java.out");
        Path err = work.resolve("java.err");
        Process process = new ProcessBuilder(command).directory(directory.toAbsolutePath().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(mainAndArgs[0] + " finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
