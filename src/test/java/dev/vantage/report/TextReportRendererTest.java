package dev.vantage.report;

import dev.vantage.check.Area;
import dev.vantage.check.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportRendererTest {

    static final TextReportRenderer PLAIN = new TextReportRenderer(false);
    static final TextReportRenderer COLOUR = new TextReportRenderer(true);

    @Test
    void targetAndGradeComeFirst() {
        List<String> lines = PLAIN.render(SampleReports.mixed()).lines().toList();
        assertThat(lines.get(0)).isEqualTo("Vantage report for https://site.test:8443/app");
        assertThat(lines.get(1)).isEqualTo("Grade C  score 55");
        assertThat(lines.get(2)).isEqualTo("Scoring table 2026.1, started 2026-11-25T12:00:00.250Z, took 1.2 s");
    }

    @Test
    void failuresComeBeforeWarningsBeforePasses() {
        String text = PLAIN.render(SampleReports.mixed());
        int failures = text.indexOf("Failures (3)");
        int warnings = text.indexOf("Warnings (1)");
        int passed = text.indexOf("Passed (2)");
        int info = text.indexOf("Information (1)");
        int na = text.indexOf("Not applicable (1)");
        assertThat(failures).isPositive();
        assertThat(failures).isLessThan(warnings);
        assertThat(warnings).isLessThan(passed);
        assertThat(passed).isLessThan(info);
        assertThat(info).isLessThan(na);
        assertThat(text.indexOf("security.csp")).isLessThan(text.indexOf("security.x-content-type-options"));
    }

    @Test
    void failuresShowObservedAndFix() {
        String text = PLAIN.render(SampleReports.mixed());
        assertThat(text).contains("  FAIL   security.csp  Title of security.csp  -25\n"
                + "         observed  no Content-Security-Policy header on https://site.test:8443/app\n"
                + "         fix       Send a Content-Security-Policy with default-src 'none' and allow what the page\n"
                + "                   needs.\n");
        assertThat(text).contains("  ERROR  security.cors");
        assertThat(text).contains("  PASS   reliability.trace  Title of reliability.trace  +5\n");
        assertThat(text).contains("  N/A    security.cookies  Title of security.cookies\n");
    }

    @Test
    void loadRunAndIdleLatencyGetTheirOwnParagraphsBeforeTheFindings() {
        String text = PLAIN.render(SampleReports.documented());
        int load = text.indexOf("Load run");
        int idle = text.indexOf("Idle latency (12 probes, last 1h)");
        assertThat(load).isPositive().isLessThan(idle);
        assertThat(idle).isLessThan(text.indexOf("Failures ("));
        assertThat(text).contains("outcome   completed")
                .contains("50 req/s for 10 s to https://app.example.com /login: 500 sent")
                .contains("p95 96.1 ms")
                .contains("slowdown  p95 1.6x the idle p95 of 62.0 ms")
                .contains("request   p50 47.0 ms, p90 61.0 ms, p95 62.0 ms, p99 99.0 ms")
                .contains("ttfb      p50 44.0 ms");
        assertThat(PLAIN.render(SampleReports.mixed())).doesNotContain("Load run").doesNotContain("Idle latency");
    }

    @Test
    void passesAreCompact() {
        String text = PLAIN.render(SampleReports.mixed());
        assertThat(text).doesNotContain("observed  X-Content-Type-Options: nosniff");
    }

    @Test
    void areasShowGradeAndScoreOrTheirStatus() {
        String text = PLAIN.render(SampleReports.mixed());
        assertThat(text).contains("  Security           C     55\n");
        assertThat(text).contains("  Reliability        A+   105\n");
        assertThat(text).contains("  Performance        not measured in this run\n");
        assertThat(text).contains("  Data and recovery  not graded from outside\n");
    }

    @Test
    void capsAndUnreachableAreExplained() {
        assertThat(PLAIN.render(SampleReports.mixed()))
                .contains("Grade capped\n  security.certificate: certificate expired caps the grade at C\n");
        String unreachable = PLAIN.render(SampleReports.unreachable());
        assertThat(unreachable).contains("Grade F  score 0")
                .contains("Target unreachable\n  reason    tls handshake: handshake failed with site.test:8443")
                .contains("No checks ran.");
    }

    @Test
    void noAnsiEscapesWithoutColour() {
        assertThat(PLAIN.render(SampleReports.mixed())).doesNotContain("\u001B");
    }

    @Test
    void colourWhenAsked() {
        assertThat(COLOUR.render(SampleReports.mixed())).contains("\u001B[31mFAIL").contains("\u001B[0m");
    }

    @Test
    void hostileObservedTextCannotEmitEscapesEvenInColour() {
        Report report = SampleReports.withFindings(List.of(SampleReports.scored("security.server-banner",
                Area.SECURITY, Verdict.FAIL, "banner", -5, SampleReports.HOSTILE, "")));
        String plain = PLAIN.render(report);
        assertThat(plain).doesNotContain("\u001B").doesNotContain("\u0000").doesNotContain("\u202E")
                .contains("\\u001B[31mred\\u0000\\u0007 \\u202Eevil");
        String coloured = COLOUR.render(report);
        assertThat(coloured).doesNotContain("\u001B[31mred");
    }

    @Test
    void longObservedTextWrapsWithinTheWidth() {
        String longText = "Content-Security-Policy: " + "script-src 'self' https://cdn.example.com ".repeat(12)
                + "x".repeat(250);
        Report report = SampleReports.withFindings(List.of(SampleReports.scored("security.csp", Area.SECURITY,
                Verdict.FAIL, "csp-unsafe", -20, longText, "Remove the unsafe sources.")));
        List<String> lines = PLAIN.render(report).lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(TextReportRenderer.WIDTH));
        List<String> continuation = lines.stream().filter(l -> l.startsWith(" ".repeat(19)) && !l.isBlank()).toList();
        assertThat(continuation).hasSizeGreaterThan(3);
        assertThat(String.join("", lines)).contains("x".repeat(50));
    }
}
