package dev.vantage.console;

import dev.vantage.fixtures.RequiredTool;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
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
    /** Screenshots stop here: a long report card is still readable, and the files stay small. */
    private static final int MAX_SHOT_HEIGHT = 2400;

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
        Files.write(SCREENSHOTS.resolve(shot + ".png"), fullPage());
    }

    /** The whole page, not only the window, so a report card's charts and findings are in its screenshot. */
    private byte[] fullPage() {
        Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight;");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width.intValue(),
                        "height", Math.min(height.intValue(), MAX_SHOT_HEIGHT), "scale", 1)));
        return java.util.Base64.getDecoder().decode((String) shot.get("data"));
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
        assertThat(lowContrast()).as("text below WCAG AA contrast on " + what).isEmpty();
        assertKeyboardFocusIsVisible(what);
    }

    /** Elements whose text is below WCAG AA contrast, with the ratio found. */
    List<?> lowContrast() {
        return (List<?>) driver.executeScript(LOW_CONTRAST);
    }

    /**
     * Tabs through the first controls of the page as a keyboard user would: each must take the focus and show it
     * (an outline), so nobody is lost on the page.
     */
    private void assertKeyboardFocusIsVisible(String what) {
        WebElement body = driver.findElement(By.tagName("body"));
        driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        int controls = driver.findElements(By.cssSelector("a[href], button, input:not([type=hidden]), textarea"))
                .size();
        for (int i = 0; i < Math.min(controls, 6); i++) {
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            assertThat(focused).as("tab " + (i + 1) + " reaches a control on " + what).isNotEqualTo(body);
            assertThat(focused.getCssValue("outline-style")).as("focus shown on " + focused.getText() + " on " + what)
                    .isNotEqualTo("none");
        }
        driver.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    }

    /**
     * Every HTML element with its own text, whose colour against the first opaque background behind it is below
     * WCAG AA (4.5:1, or 3:1 for large text). SVG text is left out: charts and badges carry titles instead.
     */
    private static final String LOW_CONTRAST = """
            const lum = c => { const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(v => { v = v / 255;
              return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const opaque = c => !c.startsWith('rgba') || !/,\\s*0\\)$/.test(c);
            const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
              if (opaque(c)) return c; } return 'rgb(255, 255, 255)'; };
            const out = [];
            for (const e of document.body.querySelectorAll('*')) {
              if (e.closest('svg') || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
              const s = getComputedStyle(e);
              if (s.visibility === 'hidden' || s.display === 'none') continue;
              const a = lum(s.color), b = lum(bg(e));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
              const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              if (ratio < need) out.push(e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" '
                + ratio.toFixed(2));
            }
            return out;""";

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
