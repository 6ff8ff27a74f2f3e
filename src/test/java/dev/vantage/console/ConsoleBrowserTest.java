package dev.vantage.console;

import dev.vantage.fixtures.RequiredTool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: the system chromium, headless, one browser for the class. Each page is loaded,
 * its content checked, then the browser's console log and a {@code securitypolicyviolation} listener must be
 * empty, basic accessibility must hold, and a screenshot is written to {@code target/screenshots/}.
 */
class ConsoleBrowserTest {

    /** Installed before any page script could run; the console has none, so the CSP cannot block it. */
    private static final String VIOLATION_LISTENER = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', e => window.__violations.push("
            + "e.violatedDirective + ' ' + e.blockedURI));";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    static ConsoleBed bed;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = RequiredTool.binary("chromium", "apt-get install chromium");
        Path driver = RequiredTool.binary("chromedriver", "apt-get install chromium-driver");
        bed = new ConsoleBed(dir);
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"),
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // The pages need a viewer; until sign-in exists the browser sends the token as the API expects it.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Bearer " + ConsoleBed.EDITOR)));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_LISTENER));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (bed != null) {
                bed.close();
            }
        }
    }

    @Test
    void theTargetListShowsGradesStatesAndSparklines() throws Exception {
        open("/", "targets");
        List<WebElement> rows = browser.findElements(By.cssSelector("table.targets tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Targets");
        assertThat(text()).contains("shop", "backoffice", "up", "pulse ", "audit ");
        assertThat(browser.findElements(By.cssSelector("span.grade")).stream().map(WebElement::getText))
                .hasSize(2).allMatch(g -> g.matches("[A-DF][+-]?"));
        assertThat(browser.findElements(By.cssSelector("svg.spark polyline"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("span.grade")).getCssValue("color"))
                .as("the stylesheet applied").isEqualTo("rgba(255, 255, 255, 1)");
    }

    @Test
    void theReportCardListsFailingChecksFirstWithEvidenceAndFix() throws Exception {
        open("/targets/shop", "report-card");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("shop");
        assertThat(browser.findElements(By.cssSelector("table.areas tbody tr"))).hasSize(7);
        List<WebElement> failing = browser.findElements(By.cssSelector("article.finding"));
        assertThat(failing).as("plain http, no security headers: failing checks").isNotEmpty();
        assertThat(failing.get(0).getText()).contains("Observed:", "Fix:");
        assertThat(text()).contains("Failing checks", "Other checks", "pulse", "audit");
    }

    @Test
    void hostileTextFromASiteStaysText() throws Exception {
        open("/targets/backoffice", "hostile");
        assertThat(browser.findElements(By.id("injected"))).as("no element injected").isEmpty();
        assertThat(text()).contains(ConsoleBed.HOSTILE);
    }

    @Test
    void theStatusPageShowsOnlyThePublicTarget() throws Exception {
        open("/status", "status");
        assertThat(browser.findElements(By.cssSelector("ul.status li")).stream()
                .map(li -> li.getText().replaceAll("\\s+", " "))).containsExactly("shop up");
        assertThat(text()).doesNotContain("backoffice");
    }

    @Test
    void theBadgeIsAnSvgImage() throws Exception {
        browser.get(bed.base() + "/badge/shop.svg");
        WebElement svg = browser.findElement(By.tagName("svg"));
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(browser.findElement(By.tagName("title")).getAttribute("textContent")).startsWith("vantage: ");
        assertClean("/badge/shop.svg");
    }

    @Test
    void theWatchersSeeAMissingResourceAndAnInlineStyle() {
        browser.get(bed.base() + "/targets/nope");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .anySatisfy(m -> assertThat(m).contains("404"));
        browser.executeScript("const s = document.createElement('style'); s.textContent = 'p {}';"
                + "document.head.appendChild(s);");
        assertThat((List<?>) browser.executeScript("return window.__violations;")).as("the CSP refused it")
                .singleElement().asString().startsWith("style-src");
        // The console message comes a moment after the event; waiting for it also leaves the log empty.
        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> {
            b.manage().logs().get(LogType.BROWSER).forEach(e -> seen.add(e.getMessage()));
            return seen.stream().anyMatch(m -> m.contains("Content Security Policy"));
        });
    }

    /** Loads {@code path}, checks what every console page must hold, and saves a screenshot as {@code shot}.png. */
    private static void open(String path, String shot) throws Exception {
        browser.get(bed.base() + path);
        assertClean(path);
        assertAccessible(path);
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SCREENSHOTS.resolve(shot + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void assertClean(String path) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertThat(errors).as("browser console on " + path).isEmpty();
        assertThat((List<?>) browser.executeScript("return window.__violations || [];"))
                .as("CSP violations on " + path).isEmpty();
    }

    private static void assertAccessible(String path) {
        assertThat(browser.findElements(By.tagName("h1"))).as("one h1 on " + path).hasSize(1);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).as("lang on " + path).isNotBlank();
        assertThat(browser.getTitle()).as("title of " + path).isNotBlank();
        for (WebElement svg : browser.findElements(By.tagName("svg"))) {
            boolean named = svg.getAttribute("aria-label") != null
                    || !svg.findElements(By.xpath("./*[local-name()='title']")).isEmpty();
            assertThat(named).as("an svg without title or aria-label on " + path).isTrue();
        }
        for (WebElement img : browser.findElements(By.tagName("img"))) {
            assertThat(img.getAttribute("alt")).as("img alt on " + path).isNotNull();
        }
        for (WebElement field : browser.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
            String id = field.getAttribute("id");
            boolean labelled = field.getAttribute("aria-label") != null
                    || id != null && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty();
            assertThat(labelled).as("form field without a label on " + path).isTrue();
        }
        for (WebElement table : browser.findElements(By.tagName("table"))) {
            assertThat(table.findElements(By.tagName("caption"))).as("table caption on " + path).hasSize(1);
        }
    }

    private static String text() {
        return browser.findElement(By.tagName("body")).getText();
    }
}
