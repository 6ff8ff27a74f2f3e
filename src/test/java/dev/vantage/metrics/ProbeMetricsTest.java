package dev.vantage.metrics;

import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.grade.Grade;
import dev.vantage.probe.Phase;
import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadSettings;
import dev.vantage.report.ProbeSummary;
import dev.vantage.service.SampleReports;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ProbeMetrics metrics = new ProbeMetrics(registry);
    private final URI url = URI.create("https://shop.example/");
    private final TargetSpec shop = new TargetSpec("shop", url, Schedule.every(Duration.ofMinutes(1)), List.of(),
            List.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of("team", "web"),
            Optional.empty());
    private final TargetSpec blog = TargetSpec.of("blog", URI.create("http://blog.example/"),
            Schedule.every(Duration.ofMinutes(1)));

    private static ProbeSummary summary() {
        return new ProbeSummary(200, 2.0, true, Map.of(Phase.RESOLVE, Duration.ofMillis(5), Phase.CONNECT,
                Duration.ofMillis(10), Phase.TLS, Duration.ofMillis(20), Phase.PROCESSING, Duration.ofMillis(30)), 1, 5120,
                Optional.of(Instant.ofEpochSecond(1_900_000_000L)), Optional.of("TLS 1.3"));
    }

    @Test
    void aResultBecomesBlackboxAndVantageSeries() {
        Instant at = Instant.ofEpochSecond(1_800_000_000L);
        metrics.accept(shop, SampleReports.withProbe(SampleReports.graded(url, at, Grade.B, 72), summary()));
        String text = registry.scrape();
        String l = "instance=\"https://shop.example/\",target=\"shop\",team=\"web\"";
        assertThat(text)
                .contains("probe_success{" + l + "} 1.0")
                .contains("probe_duration_seconds{" + l + "} 0.123")
                .contains("probe_http_status_code{" + l + "} 200.0")
                .contains("probe_http_version{" + l + "} 2.0")
                .contains("probe_http_ssl{" + l + "} 1.0")
                .contains("probe_http_redirects{" + l + "} 1.0")
                .contains("probe_http_content_length{" + l + "} 5120.0")
                .contains("probe_http_duration_seconds{instance=\"https://shop.example/\",phase=\"tls\",target=\"shop\",team=\"web\"} 0.02")
                .contains("probe_http_duration_seconds{instance=\"https://shop.example/\",phase=\"transfer\",target=\"shop\",team=\"web\"} 0.0")
                .contains("probe_dns_lookup_time_seconds{" + l + "} 0.005")
                .contains("probe_ssl_earliest_cert_expiry{" + l + "} 1.9E9")
                .contains("probe_tls_version_info{" + l + ",version=\"TLS 1.3\"} 1")
                .contains("vantage_last_probe_timestamp_seconds{" + l + "} 1.8E9")
                .contains("vantage_grade_score{area=\"overall\"," + l + "} 72.0")
                .contains("vantage_grade_score{area=\"reliability\"," + l + "} 50.0")
                .contains("vantage_grade_info{area=\"security\",grade=\"B\"," + l + "} 1")
                .contains("vantage_check_status{area=\"security\",check=\"security.csp\"," + l + "} 1.0")
                .contains("vantage_check_status{area=\"reliability\",check=\"reliability.not-found\"," + l + "} 2.0")
                .contains("vantage_check_status{area=\"security\",check=\"security.hsts\"," + l + "} 0.0")
                .doesNotContain("data_and_recovery");
    }

    @Test
    void answeredProbesFeedLatencyHistogramsPerPhaseWhichDeletionRemoves() {
        for (int i = 0; i < 3; i++) {
            metrics.accept(shop, SampleReports.withProbe(SampleReports.graded(url, Instant.now(), Grade.B, 72),
                    summary()));
        }
        metrics.accept(shop, SampleReports.unreachable(url, Instant.now()));
        String text = registry.scrape();
        String l = "instance=\"https://shop.example/\",phase=\"processing\",target=\"shop\",team=\"web\"";
        // processing took 30 ms in each of the three answered runs; the unreachable one is not a latency.
        assertThat(text).contains("vantage_http_latency_seconds_bucket{" + l + ",le=\"0.025\"} 0")
                .contains("vantage_http_latency_seconds_bucket{" + l + ",le=\"0.05\"} 3")
                .contains("vantage_http_latency_seconds_count{" + l + "} 3")
                .contains("vantage_http_latency_seconds_count{instance=\"https://shop.example/\",phase=\"total\"");
        metrics.forget("shop");
        assertThat(registry.scrape()).doesNotContain("vantage_http_latency_seconds_bucket{");
    }

    @Test
    void aChangedGradeReplacesItsInfoSeriesAndDeletionRemovesEverything() {
        metrics.accept(shop, SampleReports.graded(url, Instant.now(), Grade.B, 72));
        metrics.accept(shop, SampleReports.unreachable(url, Instant.now()));
        String text = registry.scrape();
        assertThat(text).contains("vantage_grade_info{area=\"overall\",grade=\"F\"")
                .doesNotContain("grade=\"B\"").doesNotContain("vantage_check_status{")
                .containsPattern("probe_success\\{[^}]*target=\"shop\"[^}]*} 0.0");
        metrics.forget("shop");
        assertThat(registry.scrape()).doesNotContain("target=\"shop\"");
    }

    @Test
    void targetsWithDifferentLabelKeysShareOneLabelSet() {
        metrics.accept(blog, SampleReports.graded(blog.url(), Instant.now(), Grade.A, 95));
        metrics.accept(shop, SampleReports.graded(url, Instant.now(), Grade.B, 72));
        String text = registry.scrape();
        assertThat(text).contains("probe_success{instance=\"http://blog.example/\",target=\"blog\",team=\"\"} 1.0")
                .contains("probe_success{instance=\"https://shop.example/\",target=\"shop\",team=\"web\"} 1.0");
    }

    /** The union of label keys is counted per target (issue 10: no walk over every target per result). */
    @Test
    void forgettingTheLastTargetWithALabelKeyDropsThatKeyAndAChangedLabelSetIsCountedOnce() {
        metrics.accept(blog, SampleReports.graded(blog.url(), Instant.now(), Grade.A, 95));
        metrics.accept(shop, SampleReports.graded(url, Instant.now(), Grade.B, 72));
        metrics.accept(shop, SampleReports.graded(url, Instant.now(), Grade.B, 72));
        metrics.forget("shop");
        metrics.accept(blog, SampleReports.graded(blog.url(), Instant.now(), Grade.A, 95));

        assertThat(registry.scrape()).contains("probe_success{instance=\"http://blog.example/\",target=\"blog\"} 1.0")
                .doesNotContain("team=");
    }

    private static dev.vantage.report.Report withLoad(dev.vantage.report.Report r, LoadEvidence load) {
        return new dev.vantage.report.Report(r.target(), r.startedAt(), r.took(), r.grade(), r.score(),
                r.scoringVersion(), r.areas(), r.findings(), r.capsApplied(), r.unreachable(), r.probe(), r.tls(),
                Optional.of(load), Optional.empty());
    }

    @Test
    void aLoadRunBecomesLoadGaugesAndARefusedOneOnlyItsOutcome() {
        Instant at = Instant.ofEpochSecond(1_800_000_000L);
        LoadSettings settings = LoadSettings.of(200, Duration.ofSeconds(10));
        LoadEvidence run = new LoadEvidence(url, settings, at, LoadEvidence.Outcome.COMPLETED, "",
                Duration.ofSeconds(10), 2000, 1990, Map.of(LoadEvidence.ErrorKind.TIMEOUT, 10L),
                new LoadEvidence.LatencySummary(1990, Duration.ofMillis(12), Duration.ofMillis(30),
                        Duration.ofMillis(40), Duration.ofMillis(90), Duration.ofMillis(120), Duration.ofMillis(150),
                        Duration.ofMillis(15)), 199.5, 199.0, Duration.ofMillis(1), Optional.of(Duration.ofMillis(20)));
        metrics.accept(shop, withLoad(SampleReports.graded(url, at, Grade.B, 72), run));
        String l = "instance=\"https://shop.example/\",target=\"shop\",team=\"web\"";
        assertThat(registry.scrape())
                .contains("vantage_load_outcome{" + l.replace("target=", "outcome=\"completed\",target=") + "} 1.0")
                .contains("vantage_load_outcome{" + l.replace("target=", "outcome=\"refused\",target=") + "} 0.0")
                .contains("vantage_load_requested_rate{" + l + "} 200.0")
                .contains("vantage_load_achieved_rate{" + l + "} 199.5")
                .contains("vantage_load_requests{" + l + "} 2000.0")
                .contains("vantage_load_error_ratio{" + l + "} 0.005")
                .contains("vantage_load_errors{" + l.replace("instance=", "instance=").replaceFirst("^", "")
                        .replace("instance=\"https://shop.example/\",", "instance=\"https://shop.example/\",kind=\"timeout\",")
                        + "} 10.0")
                .contains("vantage_load_latency_seconds{" + l.replace("target=", "percentile=\"p99\",target=")
                        + "} 0.09")
                .contains("vantage_load_latency_seconds{" + l.replace("target=", "percentile=\"max\",target=")
                        + "} 0.15")
                .contains("vantage_load_degradation_ratio{" + l + "} 2.0")
                .contains("vantage_load_last_run_timestamp_seconds{" + l + "} 1.8E9");

        // The next pulse's report carries the load run only as the section it left: the gauges stay.
        dev.vantage.report.Composition carried = new dev.vantage.report.Composition(Map.of(
                dev.vantage.probe.RunKind.LOAD, new dev.vantage.report.EvidenceState(dev.vantage.probe.RunKind.LOAD,
                        at, List.of(), Optional.of(dev.vantage.report.ReportSections.load(run)), Optional.empty())),
                List.of(dev.vantage.probe.RunKind.PULSE), List.of());
        metrics.accept(shop, SampleReports.graded(url, at.plusSeconds(60), Grade.B, 72).withComposition(carried));
        assertThat(registry.scrape()).as("a pulse after the load run")
                .contains("vantage_load_requests{" + l + "} 2000.0")
                .contains("vantage_load_latency_seconds{" + l.replace("target=", "percentile=\"p99\",target=")
                        + "} 0.09")
                .contains("vantage_load_degradation_ratio{" + l + "} 2.0")
                .contains("vantage_load_last_run_timestamp_seconds{" + l + "} 1.8E9");

        metrics.accept(shop, withLoad(SampleReports.graded(url, at, Grade.B, 72),
                LoadEvidence.refused(url, settings, "ownership not proven")));
        String refused = registry.scrape();
        assertThat(refused).contains("vantage_load_outcome{" + l.replace("target=", "outcome=\"refused\",target=")
                        + "} 1.0")
                .doesNotContain("vantage_load_latency_seconds{").doesNotContain("vantage_load_achieved_rate{");

        metrics.accept(shop, SampleReports.graded(url, at, Grade.B, 72));
        assertThat(registry.scrape()).as("load no longer configured").doesNotContain("vantage_load_");
    }

    @Test
    void aBrowserAuditBecomesWebVitalsGaugesPerViewportWhichTheNextPulseKeeps() {
        Instant at = Instant.ofEpochSecond(1_800_000_000L);
        var desktop = new dev.vantage.probe.browser.BrowserEvidence.PageVitals(java.util.OptionalDouble.of(80),
                java.util.OptionalDouble.of(900), java.util.OptionalDouble.of(1200), java.util.OptionalDouble.of(0.02),
                4000);
        var mobile = new dev.vantage.probe.browser.BrowserEvidence.PageVitals(java.util.OptionalDouble.of(90),
                java.util.OptionalDouble.of(2100), java.util.OptionalDouble.of(3400), java.util.OptionalDouble.of(0.3),
                4000);
        var browser = new dev.vantage.probe.browser.BrowserEvidence(url, Duration.ofSeconds(3), Optional.empty(),
                desktop, List.of(new dev.vantage.probe.browser.BrowserEvidence.LoadedResource(
                        "https://shop.example/app.js", "script", 1000)), List.of(), List.of(), List.of(), List.of(),
                mobile, List.of(), List.of());
        var r = SampleReports.graded(url, at, Grade.B, 72);
        metrics.accept(shop, new dev.vantage.report.Report(r.target(), r.startedAt(), r.took(), r.grade(), r.score(),
                r.scoringVersion(), r.areas(), r.findings(), r.capsApplied(), r.unreachable(), r.probe(), r.tls(),
                r.load(), r.idleLatency(), r.composition(), List.of(), Optional.of(browser)));
        String d = "instance=\"https://shop.example/\",target=\"shop\",team=\"web\",viewport=\"desktop\"";
        String m = d.replace("desktop", "mobile");
        String l = "instance=\"https://shop.example/\",target=\"shop\",team=\"web\"";
        assertThat(registry.scrape())
                .contains("vantage_browser_lcp_seconds{" + d + "} 1.2")
                .contains("vantage_browser_lcp_seconds{" + m + "} 3.4")
                .contains("vantage_browser_cls{" + m + "} 0.3")
                .contains("vantage_browser_fcp_seconds{" + d + "} 0.9")
                .contains("vantage_browser_ttfb_seconds{" + d + "} 0.08")
                .contains("vantage_browser_requests{" + l + "} 2.0")
                .contains("vantage_browser_transfer_bytes{" + l + "} 5000.0")
                .contains("vantage_browser_failed_requests{" + l + "} 0.0");

        metrics.accept(shop, SampleReports.graded(url, at.plusSeconds(60), Grade.B, 72));
        assertThat(registry.scrape()).as("a pulse after the audit").contains("vantage_browser_lcp_seconds{" + d
                + "} 1.2");
        metrics.forget("shop");
        assertThat(registry.scrape()).doesNotContain("vantage_browser_");
    }
}
