package io.streamfix.server;

import io.streamfix.Troubleshooter;
import io.streamfix.cases.CaseRecord;
import io.streamfix.cases.CaseStatus;
import io.streamfix.cases.CaseStep;
import io.streamfix.cases.CaseStore;
import io.streamfix.cases.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent page of {@code serve --cases}, in Debian's headless Chromium: the case is kept from its first
 * step, every answer and fix outcome is recorded, Undo takes the last step back in the store too, and a
 * case is reopened by its id in a fresh page.
 */
class AgentPageCasesIT {
    @TempDir
    static Path folder;

    private static CaseStore store;
    private static StreamfixServer server;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules")));
        store = CaseStore.open(folder.resolve("cases.db").toString());
        server = StreamfixServer.start(rules, ServiceOptions.loopback(0), store);
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
    }

    private void openPage(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1100");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(server.address().toString());
        wait.until(ExpectedConditions.textToBe(By.id("status"), "in progress"));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private CaseRecord kept() {
        String id = byId("case-id").getAttribute("data-case-id");
        return store.find(id).orElseThrow();
    }

    private void waitForSteps(int steps) {
        wait.until(d -> byId("case-id").isDisplayed() && kept().steps().size() == steps);
    }

    @Test
    void everyStepIsKeptUndoIsKeptAndTheCaseReopensByItsId(@TempDir Path profile, @TempDir Path again) throws Exception {
        openPage(profile);
        assertThat(byId("reopen").isDisplayed()).isTrue();
        assertThat(byId("case-id").isDisplayed()).as("no case before its first step").isFalse();
        assertThat(byId("undo").isEnabled()).isFalse();

        WebElement answer = byId("answers").findElements(By.tagName("button")).get(0);
        String fact = byId("question").getAttribute("data-fact");
        answer.click();
        waitForSteps(1);
        assertThat(byId("case-id").getText()).matches("Case [0-9a-z]{10} \\(open, kept\\)");
        assertThat(kept().steps().get(0).step().fact()).isEqualTo(fact);

        String fix = byId("next-fix").getAttribute("data-fix");
        byId("fix-failed").click();
        waitForSteps(2);
        assertThat(kept().steps().get(1).step()).extracting(Step::fix, Step::kind).containsExactly(fix, Step.Kind.FIX);
        assertThat(kept().steps().get(1).step().minutes()).as("minutes from shown to clicked").isNotNull();
        wait.until(d -> byId("facts").getText().contains("Tried"));

        byId("undo").click();
        waitForSteps(3);
        wait.until(d -> fix.equals(byId("next-fix").getAttribute("data-fix")));
        assertThat(byId("facts").getText()).doesNotContain("Tried");
        assertThat(kept().steps()).extracting(CaseStep::undone).containsExactly(false, true, false);

        byId("fix-helped").click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "resolved"));
        waitForSteps(4);
        String id = kept().id();
        assertThat(kept().status()).isEqualTo(CaseStatus.RESOLVED);
        browser.quit();

        // Another page (another agent, later): the case comes back by its id.
        openPage(again);
        byId("reopen-id").sendKeys(id);
        byId("reopen").findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "resolved"));
        assertThat(byId("case-id").getText()).isEqualTo("Case " + id + " (resolved, kept)");
        assertThat(byId("facts").getText()).contains(fact);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", "agent-page-kept-case.png"), StandardCopyOption.REPLACE_EXISTING);

        byId("reopen-id").clear();
        byId("reopen-id").sendKeys("nosuchcase");
        byId("reopen").findElement(By.tagName("button")).click();
        wait.until(d -> byId("errors").isDisplayed());
        assertThat(byId("errors").getText()).contains("no case has the id nosuchcase");
    }
}
