package dev.vantage.schedule;

import dev.vantage.probe.Phase;
import dev.vantage.report.IdleLatency;
import dev.vantage.report.ProbeSummary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The recent idle latencies of every target, from its recurring probes (load runs are never sampled): the
 * percentiles shown in each report and the baseline of the load degradation ratio, bounded per target by time and
 * count. The service reads the window from the stored results ({@link #of}), so every node of a cluster and every
 * restart sees the same one; the in-memory form serves tests and one-off use.
 */
public final class IdleLatencyWindow {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    /** One probe every 5 s (the minimum interval) for an hour. */
    public static final int MAX_SAMPLES = 720;

    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();

    public IdleLatencyWindow() {
        this(DEFAULT_WINDOW, Clock.systemUTC());
    }

    IdleLatencyWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    private record Sample(Instant at, Map<String, Duration> phases) {
    }

    /** Adds one probe's page timings; a probe that got no answer has no latency and is not sampled. */
    public void add(String target, ProbeSummary probe) {
        Optional<Map<String, Duration>> phases = phases(probe);
        if (phases.isEmpty()) {
            return;
        }
        Deque<Sample> deque = samples.computeIfAbsent(target, t -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(new Sample(clock.instant(), phases.get()));
            prune(deque);
        }
    }

    /** One probe's timings by {@link IdleLatency} label; empty for a probe that got no answer. */
    public static Optional<Map<String, Duration>> phases(ProbeSummary probe) {
        if (probe.statusCode() == 0 || probe.phases().isEmpty()) {
            return Optional.empty();
        }
        Map<String, Duration> phases = new LinkedHashMap<>();
        Optional.ofNullable(probe.phases().get(Phase.CONNECT)).ifPresent(d -> phases.put(IdleLatency.CONNECT, d));
        Optional.ofNullable(probe.phases().get(Phase.TLS)).ifPresent(d -> phases.put(IdleLatency.TLS, d));
        Duration processing = probe.phases().get(Phase.PROCESSING);
        if (processing != null) {
            phases.put(IdleLatency.PROCESSING, processing);
            phases.put(IdleLatency.REQUEST, processing.plus(probe.phases().getOrDefault(Phase.TRANSFER,
                    Duration.ZERO)));
        }
        phases.put(IdleLatency.TOTAL, probe.phases().values().stream().reduce(Duration.ZERO, Duration::plus));
        return Optional.of(phases);
    }

    /** Percentiles over the window; empty when the target has no sample in it. */
    public Optional<IdleLatency> snapshot(String target) {
        Deque<Sample> deque = samples.get(target);
        if (deque == null) {
            return Optional.empty();
        }
        List<Sample> copy;
        synchronized (deque) {
            prune(deque);
            copy = new ArrayList<>(deque);
        }
        return of(window, copy.stream().map(Sample::phases).toList());
    }

    /** Nearest-rank percentiles of samples (phase label to time), e.g. read back from the store; empty for none. */
    public static Optional<IdleLatency> of(Duration window, List<Map<String, Duration>> samples) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        Map<String, IdleLatency.Percentiles> phases = new LinkedHashMap<>();
        for (String phase : List.of(IdleLatency.CONNECT, IdleLatency.TLS, IdleLatency.PROCESSING, IdleLatency.REQUEST,
                IdleLatency.TOTAL)) {
            List<Duration> values = samples.stream().map(s -> s.get(phase)).filter(d -> d != null).sorted()
                    .toList();
            if (!values.isEmpty()) {
                phases.put(phase, new IdleLatency.Percentiles(rank(values, 50), rank(values, 90), rank(values, 95),
                        rank(values, 99)));
            }
        }
        return Optional.of(new IdleLatency(window, samples.size(), phases));
    }

    public void forget(String target) {
        samples.remove(target);
    }

    private void prune(Deque<Sample> deque) {
        Instant oldest = clock.instant().minus(window);
        while (!deque.isEmpty() && (deque.size() > MAX_SAMPLES || deque.peekFirst().at().isBefore(oldest))) {
            deque.removeFirst();
        }
    }

    /** Nearest-rank percentile of sorted values: always a latency that was actually observed. */
    static Duration rank(List<Duration> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
