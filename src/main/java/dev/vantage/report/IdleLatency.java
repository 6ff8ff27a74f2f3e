package dev.vantage.report;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Latency percentiles of a target's recurring (idle, not under load) probes over a recent window, per phase:
 * {@code connect}, {@code tls}, {@code processing} (time to first byte once the request is sent), {@code request}
 * (processing plus transfer: what one request costs on an open connection, the figure a load run is compared to)
 * and {@code total}.
 *
 * @param window  how far back the samples go at most
 * @param samples probes in the window that got an answer
 * @param phases  percentiles per phase label, in the order above; phases never seen are absent
 */
public record IdleLatency(Duration window, int samples, Map<String, Percentiles> phases) {

    public static final String CONNECT = "connect";
    public static final String TLS = "tls";
    public static final String PROCESSING = "processing";
    public static final String REQUEST = "request";
    public static final String TOTAL = "total";

    public IdleLatency {
        phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
    }

    /** Nearest-rank percentiles of one phase. */
    public record Percentiles(Duration p50, Duration p90, Duration p95, Duration p99) {
    }

    /** The p95 of one request on an open connection, the baseline of the load degradation ratio. */
    public Optional<Duration> requestP95() {
        return Optional.ofNullable(phases.get(REQUEST)).map(Percentiles::p95);
    }
}
