package dev.vantage.probe.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The opt-in load run of one target: what to send, how hard, for how long, and the thresholds that make the
 * check. Every bound has a hard global cap that configuration cannot raise (docs/load.md).
 *
 * @param paths          paths (and optional query) on the target's origin, requested round-robin
 * @param rate           requests started per second in the open model (hard cap {@value #HARD_MAX_RATE})
 * @param duration       measured part of the run (hard cap 60 s)
 * @param warmup         sent at the same rate before the measured part and not recorded (hard cap 10 s)
 * @param connections    HTTP/1.1 connections at most (hard cap {@value #HARD_MAX_CONNECTIONS})
 * @param requestTimeout an answer slower than this counts as a timeout error (hard cap 10 s)
 * @param p95Threshold   the check fails when the p95 latency under load is above this (k6 {@code p(95)<300})
 * @param maxErrorRatio  the check fails when errors / requests is above this (k6 {@code rate<0.01})
 * @param stopErrorRatio the run stops early once errors / answered requests is above this (after 20 answers)
 * @param mode           open model (constant arrival rate) or closed loop (benchmark only, loopback only)
 */
public record LoadSettings(List<String> paths, double rate, Duration duration, Duration warmup, int connections,
                           Duration requestTimeout, Duration p95Threshold, double maxErrorRatio,
                           double stopErrorRatio, Mode mode) {

    public static final double HARD_MAX_RATE = 1000;
    public static final Duration HARD_MAX_DURATION = Duration.ofSeconds(60);
    public static final Duration HARD_MAX_WARMUP = Duration.ofSeconds(10);
    public static final int HARD_MAX_CONNECTIONS = 64;
    public static final int HARD_MAX_PATHS = 16;
    public static final Duration HARD_MAX_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_P95 = Duration.ofMillis(300);
    public static final double DEFAULT_MAX_ERROR_RATIO = 0.01;
    public static final double DEFAULT_STOP_ERROR_RATIO = 0.2;
    public static final int DEFAULT_CONNECTIONS = 16;

    /** How requests are started. */
    public enum Mode {
        /** Constant arrival rate whatever the answers do; latency from the intended send time. */
        OPEN,
        /** Each connection sends its next request when the previous answer ends: maximum throughput. */
        CLOSED
    }

    /** @throws IllegalArgumentException naming the setting that is out of bounds */
    public LoadSettings {
        if (paths == null || paths.isEmpty() || paths.size() > HARD_MAX_PATHS) {
            throw new IllegalArgumentException("load paths must list 1 to " + HARD_MAX_PATHS + " paths, got "
                    + (paths == null ? "none" : paths.size()));
        }
        paths = List.copyOf(paths);
        paths.forEach(LoadSettings::requirePath);
        if (!(rate > 0) || rate > HARD_MAX_RATE) {
            throw new IllegalArgumentException("load rate " + rate + "/s must be above 0 and at most "
                    + (int) HARD_MAX_RATE + "/s");
        }
        requireWithin("duration", duration, HARD_MAX_DURATION, false);
        requireWithin("warmup", warmup, HARD_MAX_WARMUP, true);
        if (connections < 1 || connections > HARD_MAX_CONNECTIONS) {
            throw new IllegalArgumentException("load connections " + connections + " must be between 1 and "
                    + HARD_MAX_CONNECTIONS);
        }
        requireWithin("request-timeout", requestTimeout, HARD_MAX_REQUEST_TIMEOUT, false);
        requireWithin("p95 threshold", p95Threshold, HARD_MAX_DURATION, false);
        if (!(maxErrorRatio >= 0) || maxErrorRatio >= 1) {
            throw new IllegalArgumentException("load max-errors " + maxErrorRatio
                    + " must be a ratio from 0 (inclusive) to 1 (exclusive), e.g. 0.01 for 1%");
        }
        if (!(stopErrorRatio > 0) || stopErrorRatio > 1) {
            throw new IllegalArgumentException("load stop-error-ratio " + stopErrorRatio
                    + " must be above 0 and at most 1");
        }
        if (mode == null) {
            throw new IllegalArgumentException("load mode must be OPEN or CLOSED");
        }
    }

    /** Open model at {@code rate} for {@code duration} on {@code /}, with the defaults. */
    public static LoadSettings of(double rate, Duration duration) {
        return new LoadSettings(List.of("/"), rate, duration, Duration.ZERO, DEFAULT_CONNECTIONS,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_P95, DEFAULT_MAX_ERROR_RATIO, DEFAULT_STOP_ERROR_RATIO, Mode.OPEN);
    }

    public LoadSettings withPaths(List<String> value) {
        return new LoadSettings(value, rate, duration, warmup, connections, requestTimeout, p95Threshold,
                maxErrorRatio, stopErrorRatio, mode);
    }

    public LoadSettings withWarmup(Duration value) {
        return new LoadSettings(paths, rate, duration, value, connections, requestTimeout, p95Threshold,
                maxErrorRatio, stopErrorRatio, mode);
    }

    public LoadSettings withConnections(int value) {
        return new LoadSettings(paths, rate, duration, warmup, value, requestTimeout, p95Threshold,
                maxErrorRatio, stopErrorRatio, mode);
    }

    public LoadSettings withRequestTimeout(Duration value) {
        return new LoadSettings(paths, rate, duration, warmup, connections, value, p95Threshold,
                maxErrorRatio, stopErrorRatio, mode);
    }

    public LoadSettings withP95Threshold(Duration value) {
        return new LoadSettings(paths, rate, duration, warmup, connections, requestTimeout, value,
                maxErrorRatio, stopErrorRatio, mode);
    }

    public LoadSettings withMaxErrorRatio(double value) {
        return new LoadSettings(paths, rate, duration, warmup, connections, requestTimeout, p95Threshold,
                value, stopErrorRatio, mode);
    }

    public LoadSettings withStopErrorRatio(double value) {
        return new LoadSettings(paths, rate, duration, warmup, connections, requestTimeout, p95Threshold,
                maxErrorRatio, value, mode);
    }

    public LoadSettings withMode(Mode value) {
        return new LoadSettings(paths, rate, duration, warmup, connections, requestTimeout, p95Threshold,
                maxErrorRatio, stopErrorRatio, value);
    }

    /** Requests the open model starts at most (warmup included): the figure printed before a run. */
    public long plannedRequests() {
        return (long) Math.ceil(rate * (duration.plus(warmup).toNanos() / 1e9));
    }

    /** One line saying what the run will send to {@code target}'s origin, printed before anything is sent. */
    public String describe(URI target) {
        URI origin = LoadProbe.origin(target);
        String what = mode == Mode.OPEN
                ? String.format(java.util.Locale.ROOT, "%.0f req/s for %d s (+%d s warmup), about %d GET requests",
                        rate, duration.toSeconds(), warmup.toSeconds(), plannedRequests())
                : "closed loop (max throughput) for " + duration.toSeconds() + " s";
        return "load run: " + what + " to " + origin + " " + String.join(", ", paths) + " over at most "
                + connections + " connections; stops early above " + Math.round(stopErrorRatio * 100)
                + "% errors";
    }

    private static void requirePath(String path) {
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("load path '" + path
                    + "' must start with / and contain no spaces or control characters");
        }
        try {
            URI.create("http://vantage.invalid" + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("load path '" + path + "' is not a valid URL path: "
                    + e.getMessage(), e);
        }
    }

    private static void requireWithin(String name, Duration value, Duration cap, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero()) || value.compareTo(cap) > 0) {
            throw new IllegalArgumentException("load " + name + " " + value + " must be "
                    + (zeroAllowed ? "at least 0" : "above 0") + " and at most " + cap.toMillis() + " ms");
        }
    }
}
