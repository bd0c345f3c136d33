package io.streamfix.server;

import io.streamfix.Troubleshooter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent page in a real browser: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver, both given by path so that Selenium downloads nothing. Screenshots go to {@code target/}.
 */
class AgentPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static StreamfixServer server;

    @TempDir
    Path profile;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() {
        assertThat(CHROMIUM).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does it)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules")));
        server = StreamfixServer.start(rules, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1280,1100");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(server.address().toString());
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

    private void waitForStatus(String status) {
        wait.until(ExpectedConditions.textToBe(By.id("status"), status));
    }

    /** Clicks a button that changes the next fix, and waits until the page shows the new one. */
    private void clickAndWaitForNewFix(String buttonId) {
        String before = byId("next-fix").getAttribute("data-fix");
        byId(buttonId).click();
        wait.until(d -> byId("next-fix").isDisplayed() && !before.equals(byId("next-fix").getAttribute("data-fix")));
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(Path.of("target"));
        Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anAgentTakesAnEmptyCaseToAResolvedOne() throws IOException {
        waitForStatus("in progress");
        assertThat(byId("facts").getText()).contains("Nothing yet");
        assertThat(byId("fix-title").getText()).isEqualTo("Turn off VPNs, proxies and Smart DNS services");
        assertThat(byId("fix-steps").findElements(By.tagName("li"))).isNotEmpty();
        screenshot("agent-page-empty-case.png");

        // The question worth most minutes first; answering records the fact in the case.
        WebElement question = byId("question");
        assertThat(question.isDisplayed()).isTrue();
        assertThat(byId("question-text").getText()).endsWith("?");
        String fact = question.getAttribute("data-fact");
        WebElement answer = byId("answers").findElements(By.tagName("button")).get(0);
        String value = answer.getAttribute("data-answer");
        answer.click();
        wait.until(d -> byId("facts").getText().contains(fact));
        assertThat(byId("facts").getText()).contains(fact + ": " + value.replace('_', ' '));
        assertThat(byId("case-yaml").getAttribute("textContent")).contains(fact.substring(fact.indexOf('.') + 1) + ": ");

        // "Don't know" moves on past a question without changing the case.
        if (question.isDisplayed()) {
            String next = question.getAttribute("data-fact");
            String factsBefore = byId("facts").getText();
            byId("skip-question").click();
            wait.until(d -> !question.isDisplayed() || !next.equals(question.getAttribute("data-fact")));
            assertThat(byId("facts").getText()).isEqualTo(factsBefore);
        }
        String fixAfterAnswer = byId("fix-title").getText();

        clickAndWaitForNewFix("fix-failed");
        assertThat(byId("facts").getText()).contains("Tried — " + fixAfterAnswer + ": failed");
        String secondFix = byId("fix-title").getText();
        assertThat(secondFix).isNotEqualTo(fixAfterAnswer);

        byId("fix-helped").click();
        waitForStatus("resolved");
        assertThat(byId("next-fix").isDisplayed()).isFalse();
        assertThat(byId("outcome-title").getText()).isEqualTo("Resolved: " + secondFix);
        assertThat(byId("summary").getAttribute("value"))
                .contains("NSEZ-403: resolved. What helped: " + secondFix)
                .contains("Tried without success: " + fixAfterAnswer, fact + ": ");
        byId("case-yaml").findElement(By.xpath("..")).click(); // open the "Symptom file (YAML)" details
        assertThat(byId("case-yaml").getText()).contains("tried:", "result: failed", "result: helped");
        screenshot("agent-page-resolved.png");
    }

    /**
     * A loaded symptom file whose network fixes have all failed still has cheap fixes worth trying before
     * escalating (answers are noisy: the VPN the viewer said was off may be on); once the agent marks each
     * of them failed, the case ends in a ticket summary. The percentages shown are the service's own for
     * the case on the page.
     */
    @Test
    void aLoadedSymptomFileThatIsUsedUpEndsInATicketSummary() throws IOException {
        waitForStatus("in progress");

        Path file = Path.of("facts/escalate-network.yaml");
        byId("load-file").sendKeys(file.toAbsolutePath().toString());
        String proposed;
        try (Troubleshooter streamfix = Troubleshooter.load(Path.of("rules"))) {
            proposed = streamfix.diagnose(file).nextFix().title();
        }
        wait.until(d -> byId("facts").getText().contains("Roku Express") && byId("fix-title").getText().equals(proposed));
        int failed = 0;
        while (!byId("status").getText().equals("escalate")) {
            assertThat(++failed).as("fixes marked failed before the case escalates").isLessThanOrEqualTo(4);
            String fix = byId("fix-title").getText();
            byId("fix-failed").click();
            wait.until(d -> byId("facts").getText().contains("Tried — " + fix + ": failed"));
        }

        assertThat(byId("outcome-title").getText()).isEqualTo("Escalate to Netflix support");
        assertThat(byId("prepare").getText()).contains("Roku Express");
        assertThat(byId("summary").getAttribute("value"))
                .startsWith("Netflix error NSEZ-403: escalate to Netflix support.")
                .contains("Have ready:", "Acme Broadband", proposed);
        String yaml = byId("case-yaml").getAttribute("textContent");
        io.streamfix.model.Cause dns;
        try (Troubleshooter streamfix = Troubleshooter.load(Path.of("rules"))) {
            io.streamfix.model.Diagnosis diagnosis = streamfix.diagnose("case.yaml", yaml);
            assertThat(diagnosis.status()).as("the service on the page's case").isEqualTo(io.streamfix.model.Status.ESCALATE);
            dns = diagnosis.causes().stream().filter(c -> c.id().equals("dns_resolution")).findFirst().orElseThrow();
        }
        assertThat(byId("causes").findElements(By.cssSelector("li[data-cause=dns_resolution] .fill"))).isNotEmpty();
        assertThat(byId("causes").findElement(By.cssSelector("li[data-cause=dns_resolution]")).getText())
                .contains(Math.round(dns.confidence() * 100) + "%", "Netflix works on another network");
        screenshot("agent-page-escalate.png");
    }

    @Test
    void aBadSymptomFileIsShownWithItsNameAndPlace(@TempDir Path dir) throws IOException {
        waitForStatus("in progress");
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "network:\n  dns: automatc\n");

        byId("load-file").sendKeys(typo.toString());

        wait.until(d -> byId("errors").isDisplayed());
        assertThat(byId("errors").getText())
                .isEqualTo("error: typo.yaml:2:8: network.dns: \"automatc\" is not one of automatic, manual — did you mean automatic?");
        assertThat(byId("status").getText()).as("the case on screen is kept").isEqualTo("in progress");
    }

    @Test
    void onAServiceWithTokensThePageAsksForOneOnceAndSendsItWithEveryCall(@TempDir Path dir) throws IOException {
        String token = ApiTokens.newToken();
        Path tokens = Files.writeString(dir.resolve("tokens.txt"), ApiTokens.line(token, "agent-page") + "\n");
        LiveRules rules = new LiveRules();
        rules.loaded(Troubleshooter.load(Path.of("rules")));
        try (StreamfixServer guarded = StreamfixServer.start(rules,
                ServiceOptions.loopback(0).withTokens(ApiTokens.load(tokens)))) {
            browser.get(guarded.address().toString());

            wait.until(d -> byId("token-form").isDisplayed());
            assertThat(byId("status").getText()).as("the case waits for the token").isNotEqualTo("in progress");
            byId("token").sendKeys("sfx_not-the-token");
            byId("token-save").click();
            wait.until(d -> byId("token-why").getText().contains("did not accept"));
            screenshot("agent-page-token.png");

            byId("token").sendKeys(token);
            byId("token-save").click();
            waitForStatus("in progress");
            assertThat(byId("token-form").isDisplayed()).isFalse();
            assertThat(byId("rules-info").getText()).startsWith("Rules: ");

            // Every later call carries it: answering a question asks nothing more.
            byId("answers").findElements(By.tagName("button")).get(0).click();
            wait.until(d -> !byId("facts").getText().contains("Nothing yet"));
            assertThat(byId("token-form").isDisplayed()).isFalse();

            // Once per tab: a reload does not ask again.
            browser.navigate().refresh();
            waitForStatus("in progress");
            assertThat(byId("token-form").isDisplayed()).isFalse();
        }
    }

    /** Issue 16, item 1: a finished case says what finished it instead of "ask the questions". */
    @Test
    void aFinishedCaseSaysWhatFinishedIt() {
        waitForStatus("in progress");
        byId("load-file").sendKeys(Path.of("facts/everything-failed.yaml").toAbsolutePath().toString());
        waitForStatus("escalate");
        // Every fix failed: the causes keep the probabilities their failures left them, and the page says
        // where the case goes instead of asking for more.
        assertThat(byId("outcome-title").getText()).isEqualTo("Escalate to Netflix support");
        assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getText())
                .doesNotContain("ask the questions", "try the next fix");

        byId("new-case").click();
        acceptConfirmationIfAsked();
        waitForStatus("in progress");
        String proposed = byId("fix-title").getText();
        byId("fix-helped").click();
        waitForStatus("resolved");
        assertThat(byId("outcome-title").getText()).isEqualTo("Resolved: " + proposed);
        assertThat(browser.findElement(org.openqa.selenium.By.tagName("body")).getText())
                .doesNotContain("ask the questions", "try the next fix");
    }

    private void acceptConfirmationIfAsked() {
        try {
            browser.switchTo().alert().accept();
        } catch (org.openqa.selenium.NoAlertPresentException none) {
            // an empty case is reset without asking
        }
    }

    /** Issue 16, item 10: a misclicked "That fixed it" is undone; New case asks before dropping a case. */
    @Test
    void theLastStepCanBeUndoneAndANewCaseAsksFirst() {
        waitForStatus("in progress");
        assertThat(byId("undo").isEnabled()).isFalse();
        String fix = byId("fix-title").getText();

        byId("fix-helped").click();
        waitForStatus("resolved");
        byId("undo").click();
        waitForStatus("in progress");
        assertThat(byId("fix-title").getText()).isEqualTo(fix);
        assertThat(byId("facts").getText()).contains("Nothing yet");

        byId("fix-failed").click();
        wait.until(d -> byId("facts").getText().contains("Tried — " + fix + ": failed"));
        byId("new-case").click();
        wait.until(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().dismiss();
        assertThat(byId("facts").getText()).as("dismissed: the case stays").contains("Tried — " + fix);
        byId("new-case").click();
        wait.until(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().accept();
        wait.until(d -> byId("facts").getText().contains("Nothing yet"));
        byId("undo").click();
        wait.until(d -> byId("facts").getText().contains("Tried — " + fix + ": failed"));
    }

    /** Issue 16, item 10: the device type, model and provider are fields; the steps follow the device. */
    @Test
    void theDeviceTypeModelAndProviderAreFieldsOfTheCase() {
        waitForStatus("in progress");
        new org.openqa.selenium.support.ui.Select(byId("device-type")).selectByValue("smart_tv");
        wait.until(d -> byId("facts").getText().contains("device.type: smart tv"));
        byId("device-model").sendKeys("LG C2", org.openqa.selenium.Keys.TAB);
        wait.until(d -> byId("facts").getText().contains("device.model: LG C2"));
        byId("device-isp").sendKeys("Acme Broadband", org.openqa.selenium.Keys.TAB);
        wait.until(d -> byId("facts").getText().contains("network.isp: Acme Broadband"));
        byId("case-yaml").findElement(By.xpath("..")).click();
        assertThat(byId("case-yaml").getText()).contains("type: smart_tv", "model: LG C2", "isp: Acme Broadband");

        byId("device-model").clear();
        byId("device-model").sendKeys(org.openqa.selenium.Keys.TAB);
        wait.until(d -> !byId("facts").getText().contains("device.model"));
        byId("undo").click();
        wait.until(d -> byId("device-model").getAttribute("value").equals("LG C2"));
    }

    /** Issue 16, item 10: at 420 px no button label wraps and no percentage runs into its cause's title. */
    @Test
    void theLayoutHoldsOnANarrowScreen() throws IOException {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
        waitForStatus("in progress");
        byId("load-file").sendKeys(Path.of("facts/router-vpn-tv.yaml").toAbsolutePath().toString());
        wait.until(d -> !byId("causes").findElements(By.tagName("li")).isEmpty());
        Long width = (Long) browser.executeScript("return document.documentElement.clientWidth");
        assertThat(width).isLessThanOrEqualTo(420);

        for (WebElement button : browser.findElements(By.cssSelector("button, .button"))) {
            if (button.isDisplayed()) {
                Double lines = ((Number) browser.executeScript("const s = getComputedStyle(arguments[0]);"
                        + "return (arguments[0].getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)"
                        + " - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth)) / parseFloat(s.lineHeight);", button)).doubleValue();
                assertThat(lines).as("lines of the button \"" + button.getText() + "\"").isLessThan(1.5);
            }
        }
        for (WebElement cause : byId("causes").findElements(By.cssSelector("li[data-cause]"))) {
            org.openqa.selenium.Rectangle title = cause.findElement(By.className("cause-title")).getRect();
            org.openqa.selenium.Rectangle percent = cause.findElement(By.className("percent")).getRect();
            boolean apart = percent.getX() >= title.getX() + title.getWidth() || percent.getY() >= title.getY() + title.getHeight();
            assertThat(apart).as("the percentage of " + cause.getAttribute("data-cause") + " clear of its title").isTrue();
        }
        Long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(overflow).as("no sideways scrolling").isLessThanOrEqualTo(width);
        screenshot("agent-page-420px.png");
    }
}
