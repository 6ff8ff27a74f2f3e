package dev.vantage.probe.load;

import dev.vantage.probe.load.LoadEvidence.ErrorKind;
import dev.vantage.probe.load.LoadEvidence.LatencySummary;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts and latency histograms of the measured part of a run, in microseconds. Not thread-safe: a run records
 * from its one event-loop context only (see {@link LoadRun}), and the closed loop records tens of thousands of
 * requests a second, where even uncontended locks showed.
 */
final class LoadRecorder {

    /** Latencies above a minute are clamped: no request outlives the run's caps anyway. */
    private static final long HIGHEST_MICROS = 120_000_000L;

    private final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram sendLag = new Histogram(HIGHEST_MICROS, 3);
    private final EnumMap<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    private long sent;
    private long answered;
    private long finished;
    private long allFinished;
    private long allErrors;
    private long allAnswered;

    void sent(boolean measured, long lagNanos) {
        if (measured) {
            sent++;
            sendLag.recordValue(micros(lagNanos));
        }
    }

    /** One request finished; {@code kind} null for a success. Latency is recorded for every HTTP answer and timeout. */
    void finished(boolean measured, boolean gotAnswer, ErrorKind kind, long latencyNanos) {
        allFinished++;
        if (gotAnswer) {
            allAnswered++;
        }
        if (kind != null) {
            allErrors++;
        }
        if (!measured) {
            return;
        }
        finished++;
        if (gotAnswer) {
            answered++;
        }
        if (kind != null) {
            errors.merge(kind, 1L, Long::sum);
        }
        if (gotAnswer || kind == ErrorKind.TIMEOUT) {
            latency.recordValue(micros(latencyNanos));
        }
    }

    /** Requests still unfinished when the run was cut off count as timeouts (they were not answered in time). */
    void unfinishedAsTimeouts() {
        long unfinished = sent - finished;
        if (unfinished > 0) {
            errors.merge(ErrorKind.TIMEOUT, unfinished, Long::sum);
            finished = sent;
        }
    }

    /** Errors over finished requests, warmup included: the early-stop signal. */
    double errorRatio() {
        return allFinished == 0 ? 0 : (double) allErrors / allFinished;
    }

    long allFinished() {
        return allFinished;
    }

    long allAnswered() {
        return allAnswered;
    }

    long sent() {
        return sent;
    }

    long answered() {
        return answered;
    }

    Map<ErrorKind, Long> errors() {
        return new EnumMap<>(errors);
    }

    Duration sendLagP99() {
        return sendLag.getTotalCount() == 0 ? Duration.ZERO : ofMicros(sendLag.getValueAtPercentile(99));
    }

    LatencySummary summary() {
        if (latency.getTotalCount() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(latency.getTotalCount(), at(50), at(90), at(95), at(99), at(99.9),
                ofMicros(latency.getMaxValue()), ofMicros(Math.round(latency.getMean())));
    }

    private Duration at(double percentile) {
        return ofMicros(latency.getValueAtPercentile(percentile));
    }

    private static Duration ofMicros(long micros) {
        return Duration.ofNanos(micros * 1000);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
    }
}
