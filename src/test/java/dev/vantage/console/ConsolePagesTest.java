package dev.vantage.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's pages over plain HTTP: who may read what, the headers, and escaping of what sites send. */
class ConsolePagesTest {

    @TempDir
    static Path dir;
    static ConsoleBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = new ConsoleBed(dir);
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
}
