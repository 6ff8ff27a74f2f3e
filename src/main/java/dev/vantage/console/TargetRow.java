package dev.vantage.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One target as the console shows it, on the list and at the top of its report card.
 *
 * @param card        the newest composed report, empty before the first run
 * @param lastPulseMs how long the newest pulse took, empty before the first pulse
 * @param now         when the page is rendered, for evidence ages
 */
public record TargetRow(String name, String url, Optional<ReportCard> card, Optional<Long> lastPulseMs,
                        Sparkline sparkline, Instant now) {

    public String grade() {
        return card.map(ReportCard::grade).orElse("none");
    }

    public String gradeClass() {
        return GradeStyle.of(card.map(ReportCard::grade).orElse("")).cssClass();
    }

    /** {@code up}, {@code down} (the newest run did not get an answer) or {@code unknown} (never run). */
    public String state() {
        return card.map(c -> c.up() ? "up" : "down").orElse("unknown");
    }

    public String lastPulse() {
        return lastPulseMs.map(ms -> ms + " ms").orElse("none yet");
    }

    /** {@code pulse 4s ago}, {@code audit never}, ... for each kind of run. */
    public List<String> evidenceAges() {
        return card.map(c -> c.evidence().stream().map(e -> e.kind() + " " + Ages.since(e.at(), now)).toList())
                .orElse(List.of("no run yet"));
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** {@code 2026-11-25 09:30:00 UTC}, or {@code never}. */
    public String time(Optional<Instant> at) {
        return at.map(TIME::format).orElse("never");
    }

    public String age(Optional<Instant> at) {
        return Ages.since(at, now);
    }
}
