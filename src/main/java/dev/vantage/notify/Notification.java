package dev.vantage.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * One incident transition to tell receivers about. Kept free of the incident package so notifications depend on
 * nothing upstream.
 *
 * @param incidentId the incident's stable id: with the event, the key receivers deduplicate by
 * @param kind       down, grade, check, certificate or audit
 * @param subject    the check id for a check incident; empty otherwise
 */
public record Notification(Event event, String incidentId, String target, String kind, String subject, String title,
                           String evidence, Instant openedAt, Optional<Instant> resolvedAt,
                           Optional<String> resolution) {

    /** Which transition. */
    public enum Event {
        OPENED, RESOLVED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What receivers deduplicate by: one incident is opened once and resolved once. */
    public String idempotencyKey() {
        return incidentId + ":" + event.id();
    }
}
