package io.streamfix.learning;

import io.streamfix.Troubleshooter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of {@code evaluate --report} in a real browser (Debian's headless Chromium, as
 * {@code AgentPageIT}): it renders both charts from the file alone and asks the network for nothing.
 */
class HtmlReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1400");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** A small history: each example case with a closing attempt added, half of them helped. */
    private static History history(Troubleshooter troubleshooter) throws Exception {
        List<Ticket> tickets = new ArrayList<>();
        try (var files = Files.list(Path.of("facts"))) {
            int i = 0;
            for (Path file : files.sorted().toList()) {
                var facts = troubleshooter.read(file).symptoms();
                var first = troubleshooter.diagnose(new Ticket(file.toString(), facts).facts()).nextFix();
                if (first == null) {
                    continue;
                }
                var result = i++ % 2 == 0 ? io.streamfix.model.FixResult.HELPED : io.streamfix.model.FixResult.FAILED;
                tickets.add(new Ticket(file.toString(), new io.streamfix.model.Symptoms(facts.errorCode(), facts.device(),
                        facts.network(), facts.observations(), List.of(new io.streamfix.model.TriedFix(first.id(), result, 4.0 + i)))));
            }
        }
        return new History(tickets);
    }

    @Test
    void theReportShowsItsFiguresAndChartsWithoutLoadingAnything() throws Exception {
        Troubleshooter troubleshooter = Troubleshooter.load(Path.of("rules"));
        History history = history(troubleshooter);
        Evaluation evaluation = Evaluation.run(troubleshooter, RulesData.read(Path.of("rules")), history);
        Path report = dir.resolve("report.html");
        Files.writeString(report, HtmlReport.render("facts/ <examples>", evaluation), StandardCharsets.UTF_8);

        browser.get(report.toUri().toString());

        assertThat(browser.getTitle()).isEqualTo("streamfix evaluate: facts/ <examples>");
        WebElement headline = browser.findElement(By.id("headline"));
        assertThat(headline.getText()).contains("tickets " + history.size()).contains("first-fix hit rate");
        // The minutes chart: one bar per bin and series, the counts adding up to the tickets.
        List<WebElement> replayBars = browser.findElements(By.cssSelector("#minutes-chart rect.bar.replay"));
        assertThat(replayBars).isNotEmpty();
        int counted = replayBars.stream().mapToInt(bar -> Integer.parseInt(bar.getAttribute("data-count"))).sum();
        assertThat(counted).isEqualTo(history.size());
        assertThat(browser.findElement(By.cssSelector("#minutes-chart svg")).getSize().getHeight()).isGreaterThan(100);
        // The calibration plot: a dot per bin of predictions, inside the plot.
        List<WebElement> dots = browser.findElements(By.cssSelector("#calibration-chart circle.bin"));
        assertThat(dots).hasSize(evaluation.figures().calibration().size());
        assertThat(browser.findElement(By.id("fixes")).getText()).contains("fix");
        // Self-contained: nothing was fetched besides the file itself.
        Object resources = browser.executeScript("return performance.getEntriesByType('resource').length");
        assertThat(((Number) resources).intValue()).isZero();
        assertThat(Files.readString(report)).doesNotContain("src=", "href=", "url(", "@import", "<script");

        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", "evaluate-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
