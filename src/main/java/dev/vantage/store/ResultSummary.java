package dev.vantage.store;

import dev.vantage.probe.RunKind;

import java.time.Instant;

/** The summary columns of one stored probe result (the full report JSON is read separately). */
public record ResultSummary(long id, String target, Instant probedAt, boolean success, String grade, int score,
                            long durationMs, String scoringVersion, RunKind kind) {
}
