package dev.vantage.console;

import dev.vantage.incident.Incident;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One target as the console shows it, on the list and at the top of its report card.
 *
 * @param labels        the target's labels, which the list filters by
 * @param card          the newest composed report, empty before the first run
 * @param lastPulseMs   how long the newest pulse took, empty before the first pulse
 * @param openIncidents the target's open incidents, newest first; empty also when incidents are not enabled
 * @param now           when the page is rendered, for evidence ages
 */
public record TargetRow(String name, String url, Map<String, String> labels, Optional<ReportCard> card,
                        Optional<Long> lastPulseMs, Sparkline sparkline, List<Incident> openIncidents, Instant now) {

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

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

    /** Whole days until the earliest certificate of the page expires (negative once expired); empty without TLS. */
    public Optional<Long> certDays() {
        return card.flatMap(ReportCard::certExpiry).map(at -> Math.floorDiv(Duration.between(now, at).toSeconds(),
                86_400L));
    }

    public String certificate() {
        return certDays().map(d -> d < 0 ? "expired " + -d + " days ago" : d + " days left").orElse("no TLS");
    }

    /** {@code team:web, tier:1}, sorted by key: written as the list's label filter takes them. */
    public String labelText() {
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** {@code pulse 4s ago}, {@code audit never}, ... for each kind of run. */
    public List<String> evidenceAges() {
        return card.map(c -> c.evidence().stream().map(e -> e.kind() + " " + Ages.since(e.at(), now)).toList())
                .orElse(List.of("no run yet"));
    }

    /** {@code 2026-11-25 09:30:00 UTC}, or {@code never}. */
    public String time(Optional<Instant> at) {
        return at.map(TIME::format).orElse("never");
    }

    public String time(Instant at) {
        return TIME.format(at);
    }

    public String age(Optional<Instant> at) {
        return Ages.since(at, now);
    }
}
