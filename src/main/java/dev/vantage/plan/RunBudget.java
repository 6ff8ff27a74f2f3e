package dev.vantage.plan;

import dev.vantage.check.Check;
import dev.vantage.check.CheckSelection;
import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.RunKind;
import dev.vantage.probe.exposure.ExposureSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a target's schedules cost the site in a day, said by {@code vantage validate} before the service sends
 * anything: pulses and their requests, audits and theirs (TLS handshakes counted apart, as the site's TLS terminator
 * sees them), load runs. Upper bounds from the plans, not measurements: redirects add a request per hop.
 */
public record RunBudget(double pulsesPerDay, double auditsPerDay, int auditRequests, int auditHandshakes,
                        int auditBrowserLoads, double loadsPerDay, long loadRequests) {

    /** TLS enumeration hellos against a typical server (about 100 for a TLS 1.2 + 1.3 site, docs/tls.md). */
    static final int TYPICAL_TLS_HANDSHAKES = 100;
    private static final Instant SAMPLE_FROM = Instant.parse("2026-01-05T00:00:00Z");

    public static RunBudget of(RunPlanner planner, TargetSpec spec, List<Check> checks) {
        Set<ProbeKind> audit = RunPlanner.probes(RunKind.AUDIT, new CheckSelection(spec.enable(), spec.disable()),
                checks, spec.load().isPresent());
        boolean https = "https".equalsIgnoreCase(spec.url().getScheme());
        int requests = 1;
        requests += audit.contains(ProbeKind.HTTP_UPGRADE) && https ? 1 : 0;
        requests += audit.contains(ProbeKind.CORS) ? 1 : 0;
        requests += audit.contains(ProbeKind.EXPOSURE) ? ExposureSettings.defaults().requestBudget() : 0;
        int handshakes = audit.contains(ProbeKind.TLS_INSPECTION) && https ? TYPICAL_TLS_HANDSHAKES : 0;
        // A browser page load fetches whatever the page references, so it is counted apart, not as one request; the
        // audit loads the page twice, a desktop and a mobile viewport (docs/browser.md).
        int browserLoads = audit.contains(ProbeKind.BROWSER) ? 2 : 0;
        Optional<Schedule> load = planner.loadSchedule(spec);
        return new RunBudget(perDay(spec.schedule()), perDay(planner.auditSchedule(spec)), requests, handshakes,
                browserLoads, load.map(RunBudget::perDay).orElse(0.0),
                spec.load().map(l -> l.plannedRequests() + 1).orElse(0L));
    }

    /** Runs a day: 86,400 s over the interval, or a cron's firings in one sample day (Monday 5 January 2026). */
    static double perDay(Schedule s) {
        if (s.interval().isPresent()) {
            return Duration.ofDays(1).toMillis() / (double) s.interval().get().toMillis();
        }
        try {
            org.quartz.CronExpression cron = new org.quartz.CronExpression(s.cron().orElseThrow());
            cron.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            java.util.Date end = java.util.Date.from(SAMPLE_FROM.plus(Duration.ofDays(1)));
            java.util.Date at = cron.getNextValidTimeAfter(java.util.Date.from(SAMPLE_FROM.minusMillis(1)));
            int n = 0;
            while (at != null && at.before(end) && n < 100_000) {
                n++;
                at = cron.getNextValidTimeAfter(at);
            }
            if (n == 0) {
                // Rarer than daily (weekly, monthly): the shortest gap gives the average.
                return s.shortestGap().map(g -> Duration.ofDays(1).toMillis() / (double) g.toMillis()).orElse(0.0);
            }
            return n;
        } catch (java.text.ParseException e) {
            return 0;
        }
    }

    /**
     * One line, e.g. "≈ 1,440 pulse requests and 1 audit of ≈ 40 requests + ≈ 100 TLS handshakes + 1 browser page
     * load (with its subresources) a day".
     */
    public String describe() {
        StringBuilder out = new StringBuilder("≈ ").append(count(pulsesPerDay)).append(" pulse request")
                .append(pulsesPerDay == 1 ? "" : "s").append(" and ").append(count(auditsPerDay)).append(" audit")
                .append(auditsPerDay == 1 ? "" : "s").append(" of ≈ ").append(auditRequests).append(" request")
                .append(auditRequests == 1 ? "" : "s");
        if (auditHandshakes > 0) {
            out.append(" + ≈ ").append(auditHandshakes).append(" TLS handshakes");
        }
        if (auditBrowserLoads > 0) {
            out.append(" + ").append(auditBrowserLoads).append(" browser page load")
                    .append(auditBrowserLoads == 1 ? "" : "s").append(" (with their subresources)");
        }
        if (loadsPerDay > 0) {
            out.append(", ").append(count(loadsPerDay)).append(" load run").append(loadsPerDay == 1 ? "" : "s")
                    .append(" of ").append(String.format(Locale.ROOT, "%,d", loadRequests)).append(" requests");
        }
        return out.append(" a day (redirects add a request per hop; a change seen by a pulse adds at most one audit "
                + "an hour)").toString();
    }

    private static String count(double perDay) {
        return perDay >= 10 || perDay == Math.rint(perDay) ? String.format(Locale.ROOT, "%,d", Math.round(perDay))
                : String.format(Locale.ROOT, "%.1f", perDay);
    }
}
