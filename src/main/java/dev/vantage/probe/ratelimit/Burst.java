package dev.vantage.probe.ratelimit;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.ratelimit.RateLimitEvidence.SignalKind;
import dev.vantage.probe.ratelimit.RateLimitEvidence.StopReason;
import dev.vantage.probe.ratelimit.RateLimitEvidence.ThrottleSignal;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * One burst in progress. Every callback runs on the context the burst started on (timer and exchange futures
 * alike), so the counters need no locking. Requests start on a fixed schedule (open model): a slow answer does
 * not slow the burst down, the request and duration bounds do.
 */
final class Burst {

    /** With this many requests sent and none answered, the endpoint is unreachable, not throttling. */
    private static final int UNREACHABLE_AFTER = 3;

    private final Vertx vertx;
    private final HttpProber http;
    private final HttpRequestSpec spec;
    private final RateLimitSettings settings;
    private final Promise<RateLimitEvidence> done;
    private final Map<Integer, Integer> statusCounts = new TreeMap<>();
    private final LongSupplier clock;
    private final long startNanos;
    private final Deadline requestDeadline;

    private int sent;
    private int inFlight;
    private int failures;
    private int answered;
    private boolean accepted;
    private boolean stopped;
    private StopReason stopReason;
    private Headers limitHeaders = Headers.EMPTY;
    private ThrottleSignal signal;
    private long timer = -1;
    private long lastEndNanos;

    /** @param clock nanoseconds for the burst's duration bound and timings (injected by tests) */
    Burst(Vertx vertx, HttpProber http, HttpRequestSpec spec, RateLimitSettings settings, Duration grace,
          Promise<RateLimitEvidence> done, LongSupplier clock) {
        this.vertx = vertx;
        this.http = http;
        this.spec = spec;
        this.settings = settings;
        this.done = done;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastEndNanos = startNanos;
        // Bounds real network waits, so it stays on the system clock whatever clock times the burst.
        this.requestDeadline = Deadline.in(settings.maxDuration().plus(grace));
    }

    void start() {
        tick();
        if (!stopped) {
            timer = vertx.setPeriodic(settings.intervalMillis(), id -> tick());
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (sent >= settings.maxRequests()) {
            stop(StopReason.MAX_REQUESTS);
        } else if (clock.getAsLong() - startNanos >= settings.maxDuration().toNanos()) {
            stop(StopReason.MAX_DURATION);
        } else if (sent >= UNREACHABLE_AFTER && answered == 0 && failures >= UNREACHABLE_AFTER) {
            stop(StopReason.UNREACHABLE);
        } else {
            send();
        }
    }

    private void send() {
        int index = ++sent;
        inFlight++;
        http.exchange(spec, requestDeadline).onComplete(ar -> onAnswer(index, ar.result()));
    }

    private void onAnswer(int index, HttpExchange exchange) {
        inFlight--;
        lastEndNanos = clock.getAsLong();
        if (exchange.answered()) {
            answered++;
            statusCounts.merge(exchange.response().get().status(), 1, Integer::sum);
        } else {
            failures++;
        }
        if (signal == null) {
            Optional<SignalKind> kind = ThrottleSignals.classify(exchange, accepted);
            if (kind.isPresent()) {
                signal = signal(kind.get(), index, exchange);
                stop(StopReason.THROTTLED);
            } else if (exchange.answered() && exchange.response().get().status() < 500) {
                accepted = true;
                Headers headers = ThrottleSignals.limitHeaders(exchange.response().get().headers());
                if (!headers.all().isEmpty()) {
                    limitHeaders = headers;
                }
            }
        }
        finishIfIdle();
    }

    private ThrottleSignal signal(SignalKind kind, int index, HttpExchange exchange) {
        Duration at = Duration.ofNanos(clock.getAsLong() - startNanos);
        double seconds = at.toNanos() / 1e9;
        Headers headers = exchange.response().map(r -> ThrottleSignals.limitHeaders(r.headers()))
                .orElse(Headers.EMPTY);
        return new ThrottleSignal(kind, index, at, seconds <= 0 ? 0 : index / seconds,
                exchange.response().map(r -> r.status()), headers.first("Retry-After"), headers, exchange);
    }

    private void stop(StopReason reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        stopReason = reason;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        finishIfIdle();
    }

    private void finishIfIdle() {
        if (!stopped || inFlight > 0 || done.future().isComplete()) {
            return;
        }
        StopReason reason = signal != null ? StopReason.THROTTLED : stopReason;
        done.complete(new RateLimitEvidence(settings, spec.url(), sent, Duration.ofNanos(lastEndNanos - startNanos),
                statusCounts, failures, reason, limitHeaders, Optional.ofNullable(signal), Optional.empty(),
                Optional.empty()));
    }
}
