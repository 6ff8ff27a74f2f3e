package dev.vantage.console;

import dev.vantage.fixtures.RequiredTool;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system chromium, headless, driven through Selenium for the console's browser tests: one per test class. Every
 * page it checks must leave the browser console and a {@code securitypolicyviolation} listener empty and pass the
 * basic accessibility checks; screenshots go to {@code target/screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    /** Installed before any page script could run; the console has none, so the CSP cannot block it. */
    private static final String VIOLATION_LISTENER = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' ' + e.blockedURI));";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    /** @param profile an empty directory for the browser profile (cookies die with it) */
    ConsoleBrowser(Path profile) throws Exception {
        Path chromium = RequiredTool.binary("chromium", "apt-get install chromium");
        Path chromedriver = RequiredTool.binary("chromedriver", "apt-get install chromium-driver");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_LISTENER));
        Files.createDirectories(SCREENSHOTS);
    }

    /** Sends {@code Authorization: Bearer token} with every request, as a script or a proxy would. */
    void sendBearer(String token) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Bearer " + token)));
    }

    /** Loads {@code url} and checks the page the browser shows (see {@link #check}). */
    void open(String url, String shot) throws Exception {
        driver.get(url);
        check(url, shot);
    }

    /** Checks what every console page must hold, and saves a screenshot as {@code shot}.png. */
    void check(String what, String shot) throws Exception {
        assertClean(what);
        assertAccessible(what);
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(shot + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void assertClean(String what) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("browser console on " + what).isEmpty();
        assertThat((List<?>) driver.executeScript("return window.__violations || [];"))
                .as("CSP violations on " + what).isEmpty();
    }

    private void assertAccessible(String what) {
        assertThat(driver.findElements(By.tagName("h1"))).as("one h1 on " + what).hasSize(1);
        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).as("lang on " + what).isNotBlank();
        assertThat(driver.getTitle()).as("title of " + what).isNotBlank();
        for (WebElement svg : driver.findElements(By.tagName("svg"))) {
            boolean named = svg.getAttribute("aria-label") != null
                    || !svg.findElements(By.xpath("./*[local-name()='title']")).isEmpty();
            assertThat(named).as("an svg without title or aria-label on " + what).isTrue();
        }
        for (WebElement img : driver.findElements(By.tagName("img"))) {
            assertThat(img.getAttribute("alt")).as("img alt on " + what).isNotNull();
        }
        for (WebElement field : driver.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
            String id = field.getAttribute("id");
            boolean labelled = field.getAttribute("aria-label") != null
                    || id != null && !driver.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty();
            assertThat(labelled).as("form field " + id + " without a label on " + what).isTrue();
        }
        for (WebElement button : driver.findElements(By.tagName("button"))) {
            assertThat(button.getText()).as("a button without a name on " + what).isNotBlank();
        }
        for (WebElement table : driver.findElements(By.tagName("table"))) {
            assertThat(table.findElements(By.tagName("caption"))).as("table caption on " + what).hasSize(1);
        }
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
