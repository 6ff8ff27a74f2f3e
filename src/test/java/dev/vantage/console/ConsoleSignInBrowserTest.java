package dev.vantage.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and changing targets in a real browser (the system chromium, headless, one for the class), through
 * {@code http://localhost}, where Chromium keeps a {@code __Host-}/Secure cookie over plain http. Every page must
 * stay free of console errors and CSP violations, except the error status an expected refusal logs.
 */
class ConsoleSignInBrowserTest {

    @TempDir
    static Path dir;
    static ConsoleBed bed;
    static ConsoleBrowser chromium;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        chromium = new ConsoleBrowser(dir.resolve("profile"));
        browser = chromium.driver;
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

    @BeforeEach
    void signedOut() {
        browser.get(bed.localBase() + "/console/icon.svg");
        browser.manage().deleteAllCookies();
        // A failed test may leave its refusals in the log; each test starts from an empty one.
        browser.manage().logs().get(LogType.BROWSER);
    }

    @Test
    void anEditorAddsATargetAuditsItFromThePageSeesTheGradeChangeAndSignsOut() throws Exception {
        browser.get(bed.localBase() + "/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Error 401");
        expectOnly(401);
        submit(By.linkText("Sign in"));
        chromium.check("/login", "sign-in");

        signIn("not-a-token");
        assertThat(browser.findElement(By.cssSelector("p.problem")).getText())
                .contains("not one of the configured API tokens");
        assertThat(browser.manage().getCookieNamed(ConsoleAuth.COOKIE)).as("no session").isNull();
        expectOnly(401);

        signIn(ConsoleBed.EDITOR);
        assertThat(browser.getCurrentUrl()).isEqualTo(bed.localBase() + "/");
        assertThat(browser.manage().getCookieNamed(ConsoleAuth.COOKIE)).satisfies(c -> {
            assertThat(c.isSecure()).isTrue();
            assertThat(c.isHttpOnly()).isTrue();
            assertThat(c.getSameSite()).isEqualTo("Strict");
        });
        chromium.check("/ signed in", "targets-editor");

        submit(By.linkText("Add a target"));
        chromium.check("/add-target", "add-target");
        fill("name", "blog");
        fill("url", "ftp://x");
        fill("schedule", "0 0 3 1 1 ?");
        fill("labels", "team=web");
        submit(By.cssSelector("form.target button[type=submit]"));
        assertThat(browser.findElement(By.id("url-problems")).getText())
                .startsWith("url: \"ftp://x\" is not an absolute http:// or https:// URL");
        assertThat(browser.findElement(By.id("url")).getAttribute("aria-invalid")).isEqualTo("true");
        expectOnly(400);
        chromium.check("/targets (refused)", "add-target-problems");
        fill("url", bed.blogUrl());
        submit(By.cssSelector("form.target button[type=submit]"));
        assertThat(browser.getCurrentUrl()).isEqualTo(bed.localBase() + "/targets/blog");
        assertThat(chromium.text()).contains("No result yet");
        chromium.check("/targets/blog", "target-added");

        runAuditFromThePage();
        String plain = grade();
        int plainScore = score();
        assertThat(plain).matches("[A-DF][+-]?");
        chromium.check("/targets/blog first audit", "report-card-first-audit");

        bed.harden();
        runAuditFromThePage();
        assertThat(score()).as("the security headers were found").isGreaterThan(plainScore);
        assertThat(grade()).as("grade after the site added its headers").isNotEqualTo(plain);
        chromium.check("/targets/blog second audit", "report-card-hardened");

        submit(By.cssSelector("form.signout button"));
        assertThat(browser.getCurrentUrl()).isEqualTo(bed.localBase() + "/login");
        assertThat(browser.manage().getCookieNamed(ConsoleAuth.COOKIE)).isNull();
        chromium.check("/login after sign-out", "signed-out");
        browser.get(bed.localBase() + "/targets/blog");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Error 401");
        expectOnly(401);
    }

    @Test
    void aViewerSeesNoFormsAndCannotOpenTheAddForm() throws Exception {
        browser.get(bed.localBase() + "/login");
        signIn(ConsoleBed.VIEWER);
        chromium.check("/ as viewer", "targets-viewer");
        assertThat(browser.findElements(By.linkText("Add a target"))).isEmpty();
        browser.get(bed.localBase() + "/targets/shop");
        chromium.check("/targets/shop as viewer", "report-card-viewer");
        assertThat(browser.findElements(By.tagName("form"))).as("only the sign-out form")
                .singleElement().extracting(f -> f.getAttribute("action")).asString().endsWith("/logout");
        browser.get(bed.localBase() + "/add-target");
        assertThat(chromium.text()).contains("Error 403", "needs the editor role");
        assertThat(browser.findElements(By.id("url"))).isEmpty();
        expectOnly(403);
    }

    @Test
    void aForgedPostWithoutTheCsrfTokenIsRefused() throws Exception {
        browser.get(bed.localBase() + "/login");
        signIn(ConsoleBed.EDITOR);
        browser.get(bed.localBase() + "/targets/shop");
        long audits = audits("shop");
        // A form as a hostile page would build it: same session cookie, no CSRF token. WebDriver's script is not
        // subject to the page's CSP, which would refuse any script the page itself tried.
        browser.executeScript("const f = document.createElement('form'); f.method = 'post';"
                + "f.action = '/targets/shop/run'; const k = document.createElement('input'); k.type = 'hidden';"
                + "k.name = 'kind'; k.value = 'audit'; f.appendChild(k); document.body.appendChild(f); f.submit();");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElement(By.tagName("h1")).getText().startsWith("Error"));
        assertThat(chromium.text()).contains("Error 403", "CSRF token is missing or wrong");
        expectOnly(403);
        browser.get(bed.localBase() + "/targets/shop");
        assertThat(audits("shop")).as("the forged post ran nothing").isEqualTo(audits);
    }

    private static void signIn(String token) {
        fill("token", token);
        submit(By.cssSelector("form.signin button[type=submit]"));
    }

    /**
     * Clicks what {@code control} finds and waits until the page it leads to has replaced this one: a post that
     * redirects back to the same URL (a run) cannot be told apart by the address.
     */
    private static void submit(By control) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(control).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> replaced(old));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) b).executeScript("return document.readyState")));
    }

    /**
     * The element belongs to a page that is gone. While the next page loads, chromedriver may answer "does not belong
     * to the document" instead of a stale element: that means gone too.
     */
    private static boolean replaced(WebElement old) {
        try {
            old.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private static void fill(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private static void runAuditFromThePage() throws Exception {
        long before = audits("blog");
        submit(By.xpath("//button[text()='Run an audit now']"));
        assertThat(browser.getCurrentUrl()).as("back to the report card").isEqualTo(bed.localBase() + "/targets/blog");
        assertThat(audits("blog")).as("the button ran one audit").isEqualTo(before + 1);
        assertThat(browser.findElements(By.cssSelector("table.evidence tbody tr")).stream().map(WebElement::getText))
                .as("the card shows it").anyMatch(row -> row.startsWith("audit 20"));
    }

    /** Audits in the target's history, read through the API. */
    private static long audits(String target) throws Exception {
        String json = bed.call("GET", "/api/targets/" + target + "/history?limit=1000", ConsoleBed.EDITOR).body();
        return json.split("\"kind\":\"audit\"", -1).length - 1;
    }

    private static String grade() {
        return browser.findElement(By.cssSelector("span.grade.big")).getText();
    }

    private static int score() {
        String overall = browser.findElement(By.cssSelector("p.overall")).getText();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("score (\\d+)").matcher(overall);
        assertThat(m.find()).as(overall).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** An expected refusal: the browser logs its status, and nothing else; no CSP violation. */
    private static void expectOnly(int status) {
        List<String> logged = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertThat(logged).as("browser console").allMatch(m -> m.contains("status of " + status));
        assertThat((List<?>) browser.executeScript("return window.__violations || [];")).isEmpty();
    }
}
