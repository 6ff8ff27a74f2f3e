package dev.vantage.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One pulse as the compact pulse store keeps it (table {@code pulse_blocks}): the facts uptime, history, the idle
 * latency window and the cluster's exactly-once check read. Phase timings are in microseconds, -1 when the phase did
 * not happen.
 *
 * @param node        the cluster node that ran it ("" on a single node)
 * @param scheduledAt the scheduled firing it was for; empty for runs asked for through the API
 * @param maintenance run inside a maintenance window: left out of uptime
 */
public record PackedPulse(Instant at, String node, Optional<Instant> scheduledAt, boolean success,
                          boolean maintenance, int status, String grade, int score, long durationMs, long connectUs,
                          long tlsUs, long processingUs, long transferUs, long totalUs, Optional<String> tlsVersion,
                          Optional<Instant> certExpiry) {

    /** Counts for uptime as blackbox's {@code probe_success}: answered, with a status below 400. */
    public boolean up() {
        return success && status < 400;
    }

    public PackedPulse inMaintenance() {
        return new PackedPulse(at, node, scheduledAt, success, true, status, grade, score, durationMs, connectUs, tlsUs,
                processingUs, transferUs, totalUs, tlsVersion, certExpiry);
    }
}
