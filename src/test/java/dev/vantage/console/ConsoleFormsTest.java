package dev.vantage.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, sessions, CSRF and the editor forms over plain HTTP: who may post what, and what is refused. */
class ConsoleFormsTest {

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
    void aWrongTokenGetsTheFormAgainWith401AndNoSession() throws Exception {
        assertThat(bed.get("/login").body()).contains("<label for=\"token\">API token</label>", "type=\"password\"");
        HttpResponse<String> wrong = bed.post("/login", Map.of("token", "not-a-token"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not one of the configured API tokens", "<form class=\"signin\"");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(bed.post("/login", Map.of()).statusCode()).as("no token at all").isEqualTo(401);
    }

    @Test
    void signingInSetsAHostOnlySecureCookieThatReadsThePages() throws Exception {
        HttpResponse<String> ok = bed.post("/login", Map.of("token", ConsoleBed.EDITOR));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/");
        String set = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith(ConsoleAuth.COOKIE + "=").contains("; Path=/", "; Secure", "; HTTPOnly",
                "; SameSite=Strict").doesNotContain("Domain", "Max-Age");
        String cookie = set.substring(0, set.indexOf(';'));
        assertThat(cookie.length()).as("256 random bits").isEqualTo(ConsoleAuth.COOKIE.length() + 1 + 43);

        HttpResponse<String> list = bed.get("/", "Cookie", cookie);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Sign out", "href=\"/add-target\"");
        assertThat(bed.get("/", "Cookie", ConsoleBed.COOKIE_FORGED).statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String cookie = bed.signIn(ConsoleBed.VIEWER);
        String csrf = ConsoleBed.csrf(bed.get("/", "Cookie", cookie).body());
        HttpResponse<String> out = bed.post("/logout", Map.of("csrf", csrf), "Cookie", cookie);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(bed.get("/", "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void signingInAgainEndsTheSessionTheBrowserHad() throws Exception {
        String first = bed.signIn(ConsoleBed.VIEWER);
        HttpResponse<String> again = bed.post("/login", Map.of("token", ConsoleBed.EDITOR), "Cookie", first);
        assertThat(again.statusCode()).isEqualTo(303);
        String second = again.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(second).isNotEqualTo(first);
        assertThat(bed.get("/", "Cookie", first).statusCode()).isEqualTo(401);
        assertThat(bed.get("/", "Cookie", second).body()).contains("Add a target");
    }

    @Test
    void anEditorRunsAnAuditFromTheReportCard() throws Exception {
        String cookie = bed.signIn(ConsoleBed.EDITOR);
        String card = bed.get("/targets/shop", "Cookie", cookie).body();
        assertThat(card).contains("Run a pulse now", "Run an audit now");
        int before = history("shop");
        HttpResponse<String> run = bed.post("/targets/shop/run", Map.of("csrf", ConsoleBed.csrf(card),
                "kind", "audit"), "Cookie", cookie, "Origin", bed.base(), "Sec-Fetch-Site", "same-origin");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(303);
        assertThat(run.headers().firstValue("Location")).hasValue("/targets/shop");
        assertThat(history("shop")).isEqualTo(before + 1);
        HttpResponse<String> load = bed.post("/targets/shop/run", Map.of("csrf", ConsoleBed.csrf(card),
                "kind", "load"), "Cookie", cookie);
        assertThat(load.statusCode()).isEqualTo(400);
        assertThat(load.body()).contains("use pulse or audit");
    }

    @Test
    void postsWithoutTheSessionsCsrfTokenOrFromAnotherSiteAreRefused() throws Exception {
        String cookie = bed.signIn(ConsoleBed.EDITOR);
        String csrf = ConsoleBed.csrf(bed.get("/targets/shop", "Cookie", cookie).body());
        int before = history("shop");
        Map<String, String> noToken = Map.of("kind", "pulse");
        assertThat(bed.post("/targets/shop/run", noToken, "Cookie", cookie).statusCode()).isEqualTo(403);
        assertThat(bed.post("/targets/shop/run", Map.of("kind", "pulse", "csrf", csrf + "x"), "Cookie", cookie)
                .statusCode()).isEqualTo(403);
        String otherSession = ConsoleBed.csrf(bed.get("/", "Cookie", bed.signIn(ConsoleBed.EDITOR)).body());
        assertThat(bed.post("/targets/shop/run", Map.of("kind", "pulse", "csrf", otherSession), "Cookie", cookie)
                .statusCode()).as("another session's token").isEqualTo(403);
        Map<String, String> good = Map.of("kind", "pulse", "csrf", csrf);
        HttpResponse<String> evil = bed.post("/targets/shop/run", good, "Cookie", cookie, "Origin",
                "http://evil.example");
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.body()).contains("http://evil.example cannot post here");
        assertThat(bed.post("/targets/shop/run", good, "Cookie", cookie, "Sec-Fetch-Site", "cross-site")
                .statusCode()).isEqualTo(403);
        assertThat(bed.post("/targets/shop/run", noToken, "Authorization", "Bearer " + ConsoleBed.EDITOR)
                .statusCode()).as("a bearer token does not post forms").isEqualTo(403);
        assertThat(bed.post("/login", Map.of("token", ConsoleBed.EDITOR), "Origin", "http://evil.example")
                .statusCode()).as("no sign-in from another site's form").isEqualTo(403);
        assertThat(history("shop")).as("nothing ran").isEqualTo(before);
    }

    @Test
    void aViewerSeesNoFormsAndCannotPostThem() throws Exception {
        String cookie = bed.signIn(ConsoleBed.VIEWER);
        String card = bed.get("/targets/shop", "Cookie", cookie).body();
        assertThat(card).doesNotContain("Run an audit now", "add-target", "/edit").contains("Sign out");
        assertThat(bed.get("/add-target", "Cookie", cookie).statusCode()).isEqualTo(403);
        assertThat(bed.get("/targets/shop/edit", "Cookie", cookie).statusCode()).isEqualTo(403);
        int before = history("shop");
        HttpResponse<String> run = bed.post("/targets/shop/run", Map.of("kind", "audit", "csrf",
                ConsoleBed.csrf(card)), "Cookie", cookie);
        assertThat(run.statusCode()).isEqualTo(403);
        assertThat(run.body()).contains("needs the editor role");
        assertThat(bed.post("/targets/shop/delete", Map.of("csrf", ConsoleBed.csrf(card)), "Cookie", cookie)
                .statusCode()).isEqualTo(403);
        assertThat(history("shop")).isEqualTo(before);
        assertThat(bed.call("GET", "/api/targets/shop", ConsoleBed.EDITOR).statusCode()).isEqualTo(200);
    }

    @Test
    void theFormShowsTheApisProblemsNextToTheirFields() throws Exception {
        String cookie = bed.signIn(ConsoleBed.EDITOR);
        String csrf = ConsoleBed.csrf(bed.get("/add-target", "Cookie", cookie).body());
        HttpResponse<String> bad = bed.post("/targets", Map.of("csrf", csrf, "name", "Bad Name", "url", "ftp://x",
                "schedule", "1s", "labels", "team=web\nnonsense"), "Cookie", cookie);
        assertThat(bad.statusCode()).isEqualTo(400);
        String body = bad.body().replace("&#34;", "\"").replace("&quot;", "\"");
        assertThat(problems(body, "url")).contains("url: \"ftp://x\" is not an absolute http:// or https:// URL");
        assertThat(problems(body, "name")).contains("name: \"Bad Name\" is not a valid name");
        assertThat(problems(body, "schedule")).contains("shorter than the minimum of 5s");
        assertThat(problems(body, "labels")).contains("\"nonsense\" is not key=value");
        assertThat(body).contains("value=\"ftp://x\"",
                "aria-invalid=\"true\" aria-describedby=\"url-hint url-problems\"");
        HttpResponse<String> audit = bed.post("/targets", Map.of("csrf", csrf, "name", "often", "url",
                bed.base() + "/", "schedule", "60s", "audit", "5m"), "Cookie", cookie);
        assertThat(audit.statusCode()).isEqualTo(400);
        assertThat(problems(audit.body(), "audit")).contains("audit", "1h");
        assertThat(bed.call("GET", "/api/targets/often", ConsoleBed.EDITOR).statusCode()).isEqualTo(404);
    }

    @Test
    void anEditorAddsEditsAndDeletesATarget() throws Exception {
        String cookie = bed.signIn(ConsoleBed.EDITOR);
        String csrf = ConsoleBed.csrf(bed.get("/add-target", "Cookie", cookie).body());
        HttpResponse<String> add = bed.post("/targets", Map.of("csrf", csrf, "name", "blog", "url",
                bed.base() + "/health", "schedule", "0 0 3 1 1 ?", "labels", "team=web"), "Cookie", cookie);
        assertThat(add.statusCode()).as(add.body()).isEqualTo(303);
        assertThat(add.headers().firstValue("Location")).hasValue("/targets/blog");
        assertThat(bed.call("GET", "/api/targets/blog", ConsoleBed.EDITOR).body())
                .contains("\"cron\":\"0 0 3 1 1 ?\"", "\"team\":\"web\"", "\"source\":\"api\"");
        HttpResponse<String> again = bed.post("/targets", Map.of("csrf", csrf, "name", "blog", "url",
                bed.base() + "/", "schedule", "60s"), "Cookie", cookie);
        assertThat(again.statusCode()).as("the name is taken").isEqualTo(409);
        assertThat(again.body()).contains("blog");

        String edit = bed.get("/targets/blog/edit", "Cookie", cookie).body();
        assertThat(edit).contains("value=\"0 0 3 1 1 ?\"", "team=web").doesNotContain("id=\"name\"");
        HttpResponse<String> save = bed.post("/targets/blog", Map.of("csrf", csrf, "name", "renamed", "url",
                bed.base() + "/ready", "schedule", "90s", "public", "true"), "Cookie", cookie);
        assertThat(save.statusCode()).as(save.body()).isEqualTo(303);
        String stored = bed.call("GET", "/api/targets/blog", ConsoleBed.EDITOR).body();
        assertThat(stored).contains("/ready", "\"interval\":\"90s\"", "\"public\":true").doesNotContain("team");

        HttpResponse<String> delete = bed.post("/targets/blog/delete", Map.of("csrf", csrf), "Cookie", cookie);
        assertThat(delete.statusCode()).isEqualTo(303);
        assertThat(bed.call("GET", "/api/targets/blog", ConsoleBed.EDITOR).statusCode()).isEqualTo(404);
    }

    @Test
    void aConfigFileTargetIsNotChangedFromTheConsole() throws Exception {
        String cookie = bed.signIn(ConsoleBed.EDITOR);
        String csrf = ConsoleBed.csrf(bed.get("/targets/shop/edit", "Cookie", cookie).body());
        HttpResponse<String> save = bed.post("/targets/shop", Map.of("csrf", csrf, "url", bed.base() + "/x",
                "schedule", "60s"), "Cookie", cookie);
        assertThat(save.statusCode()).isEqualTo(409);
        assertThat(save.body()).contains("role=\"alert\"", "config");
        HttpResponse<String> delete = bed.post("/targets/shop/delete", Map.of("csrf", csrf), "Cookie", cookie);
        assertThat(delete.statusCode()).isEqualTo(409);
        assertThat(bed.call("GET", "/api/targets/shop", ConsoleBed.EDITOR).body()).contains("/shop\"")
                .doesNotContain("/x\"");
    }

    /** The problem list shown right after the field {@code id}, up to the end of its paragraph. */
    private static String problems(String page, String id) {
        int at = page.indexOf("id=\"" + id + "\"");
        assertThat(at).as("field " + id).isPositive();
        String rest = page.substring(at);
        return rest.substring(rest.indexOf('>') + 1, rest.indexOf("</p>"));
    }

    private static int history(String target) throws Exception {
        String json = bed.call("GET", "/api/targets/" + target + "/history?limit=1000", ConsoleBed.EDITOR).body();
        return json.split("\"id\"").length - 1;
    }
}
