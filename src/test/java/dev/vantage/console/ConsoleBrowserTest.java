package dev.vantage.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: the system chromium, headless, one browser for the class. Each page is loaded,
 * its content checked, then the browser's console log and a {@code securitypolicyviolation} listener must be
 * empty, basic accessibility must hold, and a screenshot is written to {@code target/screenshots/}.
 */
class ConsoleBrowserTest {

    @TempDir
    static Path dir;
    static ConsoleBed bed;
    static ConsoleBrowser chromium;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        chromium = new ConsoleBrowser(dir.resolve("profile"));
        browser = chromium.driver;
        // Reading with a bearer token, as a script or an authenticating proxy does; sign-in is ConsoleSignInBrowserTest.
        chromium.sendBearer(ConsoleBed.EDITOR);
        bed = new ConsoleBed(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
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
        assertThat(text()).contains("Failing checks", "Other checks", "pulse", "audit", "Incidents");
        List<WebElement> charts = browser.findElements(By.cssSelector("figure.chart svg"));
        assertThat(charts).as("grade and latency history").hasSize(2);
        assertThat(charts.get(0).findElement(By.xpath("./*[local-name()='title']")).getAttribute("textContent"))
                .isEqualTo("Grade history");
        assertThat(charts.get(1).findElements(By.cssSelector("g.line polyline"))).as("total and ttfb").hasSize(2);
        assertThat(charts.get(1).findElement(By.cssSelector("g.line.ttfb polyline")).getCssValue("stroke-dasharray"))
                .as("told apart by more than colour").isNotEqualTo("none");
    }

    @Test
    void theListSortsByAColumnHeaderLinkAndSaysSo() throws Exception {
        open("/", "targets");
        browser.findElement(By.linkText("Grade")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().endsWith("/?sort=grade"));
        chromium.check("/?sort=grade", "targets-by-grade");
        assertThat(browser.findElement(By.cssSelector("th[aria-sort=ascending]")).getText()).startsWith("Grade");
        browser.findElement(By.id("label")).sendKeys("team:none\n");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl().contains("label=team"));
        chromium.check("/?label=team:none", "targets-filtered");
        assertThat(text()).contains("No target has the label team:none");
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
                .map(li -> li.getText().replaceAll("\\s+", " ")))
                .containsExactly("shop up 100.00% up over the last 90 days (1 pulse) 90 days ago today");
        assertThat(text()).doesNotContain("backoffice");
        WebElement bar = browser.findElement(By.cssSelector("svg.uptime"));
        assertThat(bar.getAttribute("aria-label")).isEqualTo("shop: 100.00% up over the last 90 days (1 pulse)");
        List<WebElement> days = bar.findElements(By.tagName("rect"));
        assertThat(days).hasSize(UptimeBar.DAYS);
        assertThat(days.get(UptimeBar.DAYS - 1).getAttribute("class")).isEqualTo("up");
        assertThat(days.get(UptimeBar.DAYS - 1).getCssValue("fill")).as("the stylesheet colours it")
                .isEqualTo("rgb(46, 125, 50)");
        assertThat(days.get(0).findElement(By.xpath("./*[local-name()='title']")).getAttribute("textContent"))
                .endsWith(": no data");
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

    @Test
    void theContrastCheckSeesPaleText() throws Exception {
        open("/status", "status");
        // Through the CSSOM, which the CSP allows (it refuses style attributes and elements, not scripted styles).
        browser.executeScript("document.querySelector('h1').style.color = '#bbbbbb';");
        assertThat(chromium.lowContrast()).singleElement().asString().startsWith("H1 \"Status\" 1.");
        browser.navigate().refresh();
    }

    private static void open(String path, String shot) throws Exception {
        chromium.open(bed.base() + path, shot);
    }

    private static void assertClean(String path) {
        chromium.assertClean(path);
    }

    private static String text() {
        return chromium.text();
    }
}
