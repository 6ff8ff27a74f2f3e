package dev.vantage.metrics;

import java.util.Map;

/**
 * The HELP text of every per-target gauge. Prometheus tooling ({@code promtool check metrics}) flags series without
 * one, and the text is what a person sees first when exploring the metric in Grafana.
 */
final class MetricHelp {

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("probe_success", "1 when the target answered, 0 when it could not be reached"),
            Map.entry("probe_duration_seconds", "Duration of the whole probe run in seconds"),
            Map.entry("probe_http_status_code", "HTTP status of the final response (0 when none came)"),
            Map.entry("probe_http_version", "HTTP version of the final response (1.0, 1.1, 2)"),
            Map.entry("probe_http_ssl", "1 when the final response came over TLS"),
            Map.entry("probe_http_redirects", "Number of redirects followed"),
            Map.entry("probe_http_content_length", "Content-Length of the final response (-1 when unknown)"),
            Map.entry("probe_http_duration_seconds", "Seconds per phase of the HTTP request, summed over redirects"),
            Map.entry("probe_dns_lookup_time_seconds", "Seconds spent resolving the target's host name"),
            Map.entry("probe_ssl_earliest_cert_expiry", "Unix time of the earliest certificate expiry in the chain"),
            Map.entry("vantage_last_probe_timestamp_seconds", "Unix time the last probe of the target started"),
            Map.entry("vantage_evidence_timestamp_seconds",
                    "Unix time the newest evidence of each run kind (pulse, audit, load) was taken"),
            Map.entry("vantage_evidence_age_seconds",
                    "Age of each run kind's evidence in the newest report, as of that report's run"),
            Map.entry("vantage_grade_score", "Score 0-100 of the target overall and per checklist area"),
            Map.entry("vantage_check_status", "Outcome of one check: 0 pass, 1 warn, 2 fail"),
            Map.entry("vantage_load_last_run_timestamp_seconds", "Unix time the last load run of the target started"),
            Map.entry("vantage_load_outcome", "1 for how the last load run ended (completed, stopped-errors, "
                    + "deadline, unreachable, refused), 0 for the others"),
            Map.entry("vantage_load_requested_rate", "Requests per second the last load run was configured to start"),
            Map.entry("vantage_load_achieved_rate", "Requests per second the last load run actually started"),
            Map.entry("vantage_load_requests", "Measured requests sent by the last load run"),
            Map.entry("vantage_load_error_ratio", "Failed requests over requests sent in the last load run"),
            Map.entry("vantage_load_errors", "Failed requests of the last load run by kind"),
            Map.entry("vantage_load_latency_seconds", "Latency under load of the last load run, per percentile "
                    + "(p50 to p99.9, and max), corrected for coordinated omission"),
            Map.entry("vantage_load_degradation_ratio", "p95 under load over p95 idle in the last load run"),
            Map.entry("vantage_browser_lcp_seconds", "Largest Contentful Paint of the last browser audit, per viewport"),
            Map.entry("vantage_browser_fcp_seconds", "First Contentful Paint of the last browser audit, per viewport"),
            Map.entry("vantage_browser_ttfb_seconds", "Time to first byte of the last browser audit, per viewport"),
            Map.entry("vantage_browser_cls", "Cumulative Layout Shift of the last browser audit, per viewport"),
            Map.entry("vantage_browser_requests", "Requests of the last browser audit's desktop load, page included"),
            Map.entry("vantage_browser_transfer_bytes", "Bytes over the wire of the last browser audit's desktop load"),
            Map.entry("vantage_browser_failed_requests", "Subresources that failed in the last browser audit"),
            Map.entry("vantage_browser_csp_violations", "CSP violations the browser reported in the last audit"));

    private MetricHelp() {
    }

    /** The help text of a per-target gauge; a name without one is a programming error caught by the tests. */
    static String of(String name) {
        String help = HELP.get(name);
        if (help == null) {
            throw new IllegalArgumentException("no help text for metric " + name + "; add it to MetricHelp");
        }
        return help;
    }
}
