package dev.vantage.probe.load;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a load run saw. Counts and latencies cover the measured part only (the warmup is sent, not recorded).
 *
 * @param target       the origin the run was sent to
 * @param outcome      how the run ended; {@link Outcome#REFUSED} runs sent nothing
 * @param detail       why it was refused or stopped early; empty for a completed run
 * @param measured     from the intended start of the first measured request to the last answer
 * @param sent         measured requests sent
 * @param answered     measured requests that got an HTTP answer (any status)
 * @param errors       measured requests that failed, by kind (4xx and 5xx answers are errors too, as in k6)
 * @param latency      percentiles from the intended send time (open model) or the actual send (closed loop)
 * @param achievedRate measured requests actually started per second
 * @param throughput   measured answers per second
 * @param sendLag      how late the client started requests, p99 (a busy client shows here, not as server time)
 * @param idleP95      p95 of the same page when idle, when the caller knows it (for the degradation ratio)
 * @param verifiedBy   how ownership was proven before the run ({@link Ownership.Method#NONE}: not asked for, as in
 *                     the one-shot CLI, or not proven, and then the run was refused)
 */
public record LoadEvidence(URI target, LoadSettings settings, Instant startedAt, Outcome outcome, String detail,
                           Duration measured, long sent, long answered, Map<ErrorKind, Long> errors,
                           LatencySummary latency, double achievedRate, double throughput, Duration sendLag,
                           Optional<Duration> idleP95, Ownership.Method verifiedBy) {

    public LoadEvidence {
        EnumMap<ErrorKind, Long> copy = new EnumMap<>(ErrorKind.class);
        copy.putAll(errors);
        copy.values().removeIf(v -> v == 0);
        errors = Map.copyOf(copy);
        java.util.Objects.requireNonNull(verifiedBy, "verifiedBy");
    }

    /** Evidence of a run without an ownership proof (the one-shot CLI, tests). */
    public LoadEvidence(URI target, LoadSettings settings, Instant startedAt, Outcome outcome, String detail,
                        Duration measured, long sent, long answered, Map<ErrorKind, Long> errors,
                        LatencySummary latency, double achievedRate, double throughput, Duration sendLag,
                        Optional<Duration> idleP95) {
        this(target, settings, startedAt, outcome, detail, measured, sent, answered, errors, latency, achievedRate,
                throughput, sendLag, idleP95, Ownership.Method.NONE);
    }

    /** How a load run ended. */
    public enum Outcome {
        /** Every planned request was sent and finished (answered, failed or timed out). */
        COMPLETED,
        /** The error rate crossed the stop bound: sending stopped early to spare the target. */
        STOPPED_ERRORS,
        /** The total deadline passed before the run finished; unfinished requests count as timeouts. */
        DEADLINE,
        /** No request got an answer: the target is unreachable, nothing was measured under load. */
        UNREACHABLE,
        /** Nothing was sent: ownership not verified, address not allowed, or too many runs at once. */
        REFUSED
    }

    /** Why one request failed. */
    public enum ErrorKind {
        STATUS_5XX, STATUS_4XX, TIMEOUT, CONNECT, RESET, OTHER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Latency percentiles of the measured requests; all zero when nothing was recorded. */
    public record LatencySummary(long count, Duration p50, Duration p90, Duration p95, Duration p99,
                                 Duration p999, Duration max, Duration mean) {

        public static final LatencySummary EMPTY = new LatencySummary(0, Duration.ZERO, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** A run that sent nothing, saying why. */
    public static LoadEvidence refused(URI target, LoadSettings settings, String why) {
        return new LoadEvidence(target, settings, Instant.now(), Outcome.REFUSED, why, Duration.ZERO, 0, 0,
                Map.of(), LatencySummary.EMPTY, 0, 0, Duration.ZERO, Optional.empty());
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Errors over requests sent (0 when nothing was sent). */
    public double errorRatio() {
        return sent == 0 ? 0 : (double) errorCount() / sent;
    }

    /** p95 under load over idle p95, when the idle figure is known and positive. */
    public Optional<Double> degradation() {
        return idleP95.filter(idle -> idle.toNanos() > 0 && latency.count() > 0)
                .map(idle -> latency.p95().toNanos() / (double) idle.toNanos());
    }

    /** The same evidence with the idle p95 the caller measured. */
    public LoadEvidence withIdleP95(Duration idle) {
        return new LoadEvidence(target, settings, startedAt, outcome, detail, measured, sent, answered, errors,
                latency, achievedRate, throughput, sendLag, Optional.ofNullable(idle), verifiedBy);
    }

    /** The same evidence, saying how ownership was proven before the run. */
    public LoadEvidence withVerifiedBy(Ownership.Method method) {
        return new LoadEvidence(target, settings, startedAt, outcome, detail, measured, sent, answered, errors,
                latency, achievedRate, throughput, sendLag, idleP95, method);
    }
}
