package dev.vantage.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's pages over plain HTTP: who may read what, the headers, and escaping of what sites send. */
class ConsolePagesTest {

    @TempDir
    static Path dir;
    static ConsoleBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = new ConsoleBed(dir);
        Instant now = Instant.now();
        bed.recordIncident("shop", "down", "", now.minusSeconds(600), null, "connection refused by 127.0.0.1");
        bed.recordIncident("shop", "check", "security.hsts", now.minusSeconds(7200), now.minusSeconds(3600),
                "no Strict-Transport-Security header");
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
    }

    @Test
    void theTargetListNeedsAViewerOnceTokensAreConfigured() throws Exception {
        HttpResponse<String> anonymous = bed.call("GET", "/", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(anonymous.body()).contains("<h1>Error 401</h1>", "Authorization: Bearer");
        assertThat(bed.call("GET", "/targets/shop", null).statusCode()).isEqualTo(401);

        HttpResponse<String> list = bed.call("GET", "/", ConsoleBed.EDITOR);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/targets/shop\"", "href=\"/targets/backoffice\"", "<svg class=\"spark\"");
    }

    @Test
    void consolePagesCarryTheStrictPolicyAndTheApiKeepsItsOwn() throws Exception {
        for (String path : new String[] {"/", "/targets/shop", "/status", "/targets/nope"}) {
            HttpResponse<String> page = bed.call("GET", path, ConsoleBed.EDITOR);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(ConsoleRoutes.PAGE_POLICY);
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        assertThat(ConsoleRoutes.PAGE_POLICY).doesNotContain("unsafe-").contains("frame-ancestors 'none'");
        assertThat(bed.call("GET", "/api/targets", ConsoleBed.EDITOR).headers()
                .firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void anUnknownTargetIsAnHtml404() throws Exception {
        HttpResponse<String> page = bed.call("GET", "/targets/nope", ConsoleBed.EDITOR);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>Error 404</h1>", "nope");
        // One mapping behind both front doors (FailedRequest): the API says the same of the same failure.
        HttpResponse<String> api = bed.call("GET", "/api/targets/nope", ConsoleBed.EDITOR);
        assertThat(api.statusCode()).isEqualTo(404);
        String problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(api.body()).get("problems").get(0)
                .asText();
        assertThat(page.body()).contains("<p>" + problem + "</p>");
    }

    @Test
    void hostileTextFromASiteIsEscaped() throws Exception {
        String card = bed.call("GET", "/targets/backoffice", ConsoleBed.EDITOR).body();
        assertThat(card).contains("&lt;img src=/x id=injected&gt;").doesNotContain(ConsoleBed.HOSTILE);
    }

    @Test
    void theStatusPageIsPublicAndListsOnlyPublicTargets() throws Exception {
        HttpResponse<String> status = bed.call("GET", "/status", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("shop", "class=\"state up\"").doesNotContain("backoffice")
                .doesNotContain("Referrer-Policy").doesNotContain("127.0.0.1");
    }

    @Test
    void badgesAreServedForPublicTargetsOnly() throws Exception {
        HttpResponse<String> badge = bed.call("GET", "/badge/shop.svg", null);
        assertThat(badge.statusCode()).isEqualTo(200);
        assertThat(badge.headers().firstValue("Content-Type")).hasValue("image/svg+xml; charset=utf-8");
        assertThat(badge.body()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("<title>vantage: ");
        assertThat(bed.call("GET", "/badge/backoffice.svg", null).statusCode()).isEqualTo(404);
        assertThat(bed.call("GET", "/badge/nope.svg", null).statusCode()).isEqualTo(404);
        assertThat(bed.call("GET", "/badge/shop.png", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theStylesheetIsServedByVantage() throws Exception {
        HttpResponse<String> css = bed.call("GET", "/console/console.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(css.body()).contains(".grade-a");
        assertThat(bed.call("GET", "/console/../pom.xml", null).statusCode()).isEqualTo(404);
    }

    @Test
    void openIncidentsAreCountedOnTheListAndListedWithTheirCauseOnTheReportCard() throws Exception {
        String list = bed.call("GET", "/", ConsoleBed.VIEWER).body();
        // The tracker opens real incidents too (the sites grade F): at least the one recorded here is open.
        assertThat(list).containsPattern("<a class=\"incident-count\" href=\"/targets/shop#incidents\">[1-9]\\d* open</a>");
        String card = bed.call("GET", "/targets/shop", ConsoleBed.VIEWER).body();
        assertThat(card).containsPattern("<h2 id=\"incidents\">Incidents \\([1-9]\\d* open\\)</h2>").contains(
                "<caption>Open and recent incidents, newest first</caption>", "shop is down",
                "connection refused by 127.0.0.1", "shop fails security.hsts", "no Strict-Transport-Security header",
                "answered again");
        assertThat(card.indexOf("connection refused by 127.0.0.1")).as("newest first")
                .isLessThan(card.indexOf("no Strict-Transport-Security header"));
        assertThat(bed.call("GET", "/status", null).body()).doesNotContain("incident", "refused", "hsts");
    }

    @Test
    void theReportCardDrawsGradeAndLatencyHistoryWithTitlesAndAxisLabels() throws Exception {
        String card = bed.call("GET", "/targets/shop", ConsoleBed.VIEWER).body();
        assertThat(card).contains("<title id=\"grade-chart-title\">Grade history</title>",
                "<title id=\"latency-chart-title\">Latency, last 24 hours</title>", "aria-labelledby=\"grade-chart-title",
                ">answered runs, oldest to newest</text>", ">score</text>", ">ms</text>", "<circle ", ", audit: ");
    }

    @Test
    void theListSortsAndFiltersByQueryAndSaysHowItIsSorted() throws Exception {
        String byGrade = bed.call("GET", "/?sort=grade&dir=desc", ConsoleBed.VIEWER).body();
        assertThat(byGrade).contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"/?sort=grade\">Grade</a>",
                "<th scope=\"col\" aria-sort=\"none\"><a href=\"/?sort=name\">Target</a>");
        String filtered = bed.call("GET", "/?label=nobody:here", ConsoleBed.VIEWER).body();
        assertThat(filtered).contains("No target has the label").doesNotContain("href=\"/targets/shop\"");
        HttpResponse<String> bad = bed.call("GET", "/?sort=speed", ConsoleBed.VIEWER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sort: \"speed\" is not one of name, grade, state, latency, cert");
    }

    @Test
    void theStatusPageShowsNinetyDaysOfUptimeAsABarWithATextEquivalent() throws Exception {
        String status = bed.call("GET", "/status", null).body();
        assertThat(status).contains("<svg class=\"uptime\"", "aria-label=\"shop: 100.00% up over the last 90 days (1 pulse)\"",
                "<rect class=\"up\"", "<rect class=\"none\"", ": no data</title>");
        assertThat(status.split("<rect ", -1)).hasSize(UptimeBar.DAYS + 1);
    }
}
