package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.RequiredTool;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vantage check --browser} against a loopback page: with the system Chromium the browser checks are graded;
 * with none found one line says what was skipped and how to install it, and the exit code does not change; without
 * {@code --browser} nothing is said about browsers at all.
 */
class CheckBrowserTest {

    static Vertx vertx;
    static LoopbackSite site;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        site = LoopbackSite.http().route("/", (v, req) -> req.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><html><head><title>t</title></head><body><p>hello</p>"
                        + "<script>throw new Error('boom-from-the-page');</script></body></html>")).start(vertx);
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
    }

    record Run(int exit, String out, String err) {
        JsonNode report() throws Exception {
            return new ObjectMapper().readTree(out);
        }

        String verdict(String id) throws Exception {
            for (JsonNode f : report().path("findings")) {
                if (f.path("id").asText().equals(id)) {
                    return f.path("verdict").asText();
                }
            }
            return "absent";
        }
    }

    private static Run check(String... flags) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = VantageCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        // Only the page and the browser's checks: the rest of an audit is not what these tests are about.
        List<String> args = new ArrayList<>(List.of("check", site.url("/").toString(), "--format", "json",
                "--timeout", "40s", "--check", "reliability.", "--check", "security.mixed-content"));
        args.addAll(List.of(flags));
        return new Run(cl.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void withChromiumTheBrowserChecksAreGraded() throws Exception {
        String chromium = RequiredTool.binary("chromium", "apt-get install chromium").toString();
        String driver = RequiredTool.binary("chromedriver", "apt-get install chromium-driver").toString();

        Run run = check("--browser-executable", chromium, "--browser-driver", driver);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).doesNotContain("skipped");
        assertThat(run.verdict("reliability.console-errors")).isIn("warn", "fail");
        assertThat(run.report().toString()).contains("boom-from-the-page");
    }

    @Test
    void withoutChromiumOneLineSaysWhatWasSkippedAndTheExitCodeStays() throws Exception {
        Run without = check("--no-browser");
        Run missing = check("--browser-executable", "/nonexistent/chromium");

        assertThat(missing.exit()).isEqualTo(without.exit());
        List<String> lines = missing.err().lines().filter(l -> l.toLowerCase(Locale.ROOT).contains("browser")).toList();
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).contains("browser audit skipped")
                .contains("apt-get install chromium chromium-driver").contains("--browser-executable"));
        assertThat(missing.verdict("reliability.console-errors")).isEqualTo("not-applicable");
    }

    @Test
    void byDefaultAMachineWithChromiumRunsTheBrowserAudit() throws Exception {
        RequiredTool.binary("chromium", "apt-get install chromium");
        RequiredTool.binary("chromedriver", "apt-get install chromium-driver");

        Run run = check();

        assertThat(run.err()).doesNotContain("skipped");
        assertThat(run.report().toString()).contains("boom-from-the-page");
    }

    @Test
    void noBrowserSendsNoBrowserAuditAndSaysNothingAboutBrowsers() throws Exception {
        Run run = check("--no-browser");

        assertThat(run.exit()).isEqualTo(ExitCode.OK);
        assertThat(run.err().toLowerCase(Locale.ROOT)).doesNotContain("browser").doesNotContain("chromium");
        assertThat(run.verdict("reliability.console-errors")).as("not planned, so not in the report").isEqualTo("absent");
    }

}
