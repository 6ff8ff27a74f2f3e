package dev.vantage.console;

import dev.vantage.probe.RunKind;
import dev.vantage.store.ResultSummary;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report card's history charts, from what the result repository returns: the grade over time (every audit and
 * every run whose grade differed from the run before) and the page timings of the recent answered runs.
 */
final class HistoryCharts {

    /** The latency chart's window. */
    static final Duration LATENCY_WINDOW = Duration.ofHours(24);
    /** Most runs drawn on the latency chart: a day of one-minute pulses. */
    static final int LATENCY_RUNS = 1440;
    /** Most points drawn on the grade chart, each with a marker a reader can hover. */
    static final int GRADE_POINTS = 60;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d HH:mm").withZone(ZoneOffset.UTC);

    private HistoryCharts() {
    }

    /** @param history newest first, as {@code ResultRepository.history} returns it */
    static Chart grades(List<ResultSummary> history, Instant now) {
        List<ResultSummary> oldestFirst = new ArrayList<>(history);
        java.util.Collections.reverse(oldestFirst);
        List<Chart.Point> points = new ArrayList<>();
        String previous = null;
        for (ResultSummary r : oldestFirst) {
            if (r.kind() == RunKind.AUDIT || !r.grade().equals(previous)) {
                points.add(new Chart.Point(r.probedAt().getEpochSecond(), r.score(), DAY.format(r.probedAt())
                        + " UTC, " + r.kind().id() + ": " + r.grade() + " (score " + r.score() + ")"));
            }
            previous = r.grade();
        }
        if (points.size() > GRADE_POINTS) {
            points = points.subList(points.size() - GRADE_POINTS, points.size());
        }
        String title = "Grade history";
        if (points.isEmpty()) {
            return empty(title, "no graded run yet");
        }
        double first = points.get(0).x();
        // At least an hour wide, so a new target's first runs do not sit on top of each other at the left edge.
        double from = Math.min(first, now.getEpochSecond() - 3600);
        double to = Math.max(from, now.getEpochSecond());
        ResultSummary newest = history.get(0);
        String summary = "score of " + points.size() + " audits and grade changes since "
                + DAY.format(Instant.ofEpochSecond((long) first)) + " UTC, from " + min(points) + " to " + fmt(max(points))
                + "; now " + newest.grade() + " (score " + newest.score() + ")";
        return Chart.of(title, summary, "time (UTC)", "score", new double[] {from, to}, 100,
                List.of(new Chart.Series("score", "score", points)), true,
                List.of(new Chart.Tick(Double.toString(from), DAY.format(Instant.ofEpochSecond((long) from))),
                        new Chart.Tick(Double.toString(to), "now")),
                List.of(new Chart.Tick("0", "0"), new Chart.Tick("50", "50"), new Chart.Tick("100", "100")));
    }

    /**
     * @param samples newest first, as {@code ResultRepository.recentLatencies} returns them (phase label to time);
     *                drawn oldest to newest, one step per answered run
     */
    static Chart latency(List<Map<String, Duration>> samples) {
        List<Chart.Point> total = new ArrayList<>();
        List<Chart.Point> ttfb = new ArrayList<>();
        for (int i = samples.size() - 1, x = 0; i >= 0; i--, x++) {
            Map<String, Duration> s = samples.get(i);
            add(total, x, s.get("total"));
            add(ttfb, x, s.get("processing"));
        }
        String title = "Latency, last 24 hours";
        if (total.isEmpty()) {
            return empty(title, "no answered run in the last 24 hours");
        }
        double top = niceCeiling(Math.max(max(total), max(ttfb)));
        String summary = "total time of " + total.size() + " answered runs in the last 24 hours, from " + min(total)
                + " to " + fmt(max(total)) + " ms; time to first byte from " + min(ttfb) + " to " + fmt(max(ttfb))
                + " ms";
        int last = samples.size() - 1;
        return Chart.of(title, summary, "answered runs, oldest to newest", "ms", new double[] {0, last}, top,
                List.of(new Chart.Series("total", "total", total),
                        new Chart.Series("time to first byte", "ttfb", ttfb)), false,
                List.of(new Chart.Tick("0", "oldest"), new Chart.Tick(Integer.toString(last), "newest")),
                List.of(new Chart.Tick("0", "0"), new Chart.Tick(Double.toString(top / 2), fmt(top / 2)),
                        new Chart.Tick(Double.toString(top), fmt(top))));
    }

    private static void add(List<Chart.Point> to, int x, Duration d) {
        if (d != null) {
            double ms = d.toNanos() / 1e6;
            to.add(new Chart.Point(x, ms, fmt(ms) + " ms"));
        }
    }

    /** 1, 2 or 5 times a power of ten at or above {@code v}, so the axis reads in round numbers. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static Chart empty(String title, String why) {
        return new Chart(title, why, "", "", List.of(), List.of(), List.of());
    }

    private static String min(List<Chart.Point> points) {
        return fmt(points.stream().mapToDouble(Chart.Point::y).min().orElse(0));
    }

    private static double max(List<Chart.Point> points) {
        return points.stream().mapToDouble(Chart.Point::y).max().orElse(0);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
