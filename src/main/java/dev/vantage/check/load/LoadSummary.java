package dev.vantage.check.load;

import dev.vantage.probe.load.LoadEvidence;
import dev.vantage.probe.load.LoadSettings;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** One-line, human-readable summaries of a load run for findings and the CLI. */
public final class LoadSummary {

    private LoadSummary() {
    }

    /** What was sent, what came back, the percentiles and the thresholds, in one sentence. */
    public static String describe(LoadEvidence e) {
        LoadSettings s = e.settings();
        String what = s.mode() == LoadSettings.Mode.OPEN ? rate(s.rate()) + " req/s for " + s.duration().toSeconds()
                + " s" : "closed loop over " + s.connections() + " connections for " + s.duration().toSeconds() + " s";
        String errors = e.errorCount() == 0 ? "no errors" : "errors " + percent(e.errorRatio()) + " ("
                + e.errors().entrySet().stream().map(x -> x.getValue() + " " + x.getKey().label())
                .collect(Collectors.joining(", ")) + ")";
        LoadEvidence.LatencySummary l = e.latency();
        String latency = l.count() == 0 ? "no latency recorded" : "p50 " + ms(l.p50()) + ", p90 " + ms(l.p90())
                + ", p95 " + ms(l.p95()) + ", p99 " + ms(l.p99()) + ", p99.9 " + ms(l.p999()) + ", max "
                + ms(l.max());
        String stop = e.detail().isEmpty() ? "" : "; " + e.detail();
        return what + " to " + e.target() + " " + String.join(", ", s.paths()) + ": " + e.sent() + " sent ("
                + rate(e.achievedRate()) + " req/s achieved), " + e.answered() + " answered, " + errors + "; "
                + latency + "; thresholds p95 < " + s.p95Threshold().toMillis() + " ms, errors <= "
                + percent(s.maxErrorRatio()) + stop;
    }

    static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f%%", ratio * 100);
    }

    /** A duration in milliseconds with one decimal: {@code 12.3 ms}. */
    public static String ms(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
