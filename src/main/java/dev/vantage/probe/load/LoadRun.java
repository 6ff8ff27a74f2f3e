package dev.vantage.probe.load;

import dev.vantage.probe.load.LoadEvidence.ErrorKind;
import dev.vantage.probe.load.LoadEvidence.Outcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One load run in progress. Open model: a 1 ms periodic tick starts every request the {@link RateScheduler} says
 * is due, whether or not earlier ones finished, and latency runs from the intended start. Closed loop: each
 * connection sends its next request when the previous one ends. Everything runs on one event-loop context; the
 * state changes are still synchronized because the deadline timer and the caller may run elsewhere.
 */
final class LoadRun {

    /** Finished requests needed before the error ratio may stop a run: one early failure is not a trend. */
    static final int STOP_MIN_FINISHED = 20;
    /** With this many finished and none answered, the target is unreachable; no need to wait for 20. */
    static final int UNREACHABLE_AFTER = 5;

    private final Vertx vertx;
    private final LoadTarget target;
    private final LoadSettings settings;
    private final LongSupplier clock = System::nanoTime;
    private final LoadRecorder recorder = new LoadRecorder();
    private final Promise<LoadEvidence> done = Promise.promise();
    private final Context context;
    private final HttpClientAgent client;
    private final RateScheduler scheduler;
    private final Instant startedAt = Instant.now();
    private final RequestOptions[] requests;
    private final HttpConnectOptions connect;
    /** Closed loop: each worker's own connection (null until connected, or after it closed); run thread only. */
    private final HttpClientConnection[] connections;
    private final java.util.concurrent.atomic.AtomicLong closedCount = new java.util.concurrent.atomic.AtomicLong();

    private long runStart;
    private long warmupEnd;
    private long sendingEnd;
    private long firstMeasured = -1;
    private long lastMeasuredSend = -1;
    private long lastAnswer = -1;
    private long inFlight;
    private long tickTimer = -1;
    private long deadlineTimer = -1;
    private boolean stopping;
    private Outcome outcome = Outcome.COMPLETED;
    private String detail = "";

    LoadRun(Vertx vertx, LoadTarget target, LoadSettings settings) {
        this.vertx = vertx;
        this.target = target;
        this.settings = settings;
        this.scheduler = new RateScheduler(settings.rate(), settings.duration().plus(settings.warmup()), clock);
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout((int) settings.requestTimeout().toMillis()).setSsl(target.https())
                .setForceSni(target.https()).setVerifyHost(true);
        target.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        // One event loop for the whole run: a request and its answer never cross threads. Two loops, tried for
        // the closed loop, contended on the run's locks and measured slower on the shared 2-core bench machine.
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.connections()));
        this.requests = settings.paths().stream().map(path -> new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address()))
                .setHost(target.host()).setPort(target.port()).setURI(path)
                .putHeader("Host", target.hostHeader()).putHeader("User-Agent", LoadProbe.USER_AGENT))
                .toArray(RequestOptions[]::new);
        this.connect = new HttpConnectOptions()
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address()))
                .setHost(target.host()).setPort(target.port()).setSsl(target.https())
                .setConnectTimeout(settings.requestTimeout().toMillis());
        this.connections = new HttpClientConnection[settings.mode() == LoadSettings.Mode.CLOSED
                ? settings.connections() : 0];
    }

    /**
     * Starts a request: from the pool in the open model (requests queue there when every connection is busy),
     * on the worker's own connection in the closed loop (the pool's bookkeeping halved throughput in the bench).
     */
    private Future<HttpClientRequest> request(int worker, RequestOptions options) {
        if (worker < 0) {
            return client.request(options);
        }
        HttpClientConnection connection = connections[worker];
        if (connection != null) {
            return connection.request(options);
        }
        return client.connect(connect).compose(c -> {
            connections[worker] = c;
            c.closeHandler(v -> {
                if (connections[worker] == c) {
                    connections[worker] = null;
                }
            });
            return c.request(options);
        });
    }


    Future<LoadEvidence> start(Duration deadline) {
        context.runOnContext(v -> {
            scheduler.start();
            // The schedule's own origin, so the warmup ends exactly at request rate * warmup.
            runStart = scheduler.intendedNanos(0);
            warmupEnd = runStart + settings.warmup().toNanos();
            deadlineTimer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> cutOff(deadline));
            if (settings.mode() == LoadSettings.Mode.OPEN) {
                tick();
                tickTimer = vertx.setPeriodic(1, id -> tick());
            } else {
                sendingEnd = warmupEnd + settings.duration().toNanos();
                tickTimer = vertx.setTimer(Math.max(1, (sendingEnd - runStart) / 1_000_000),
                        id -> stopSending(Outcome.COMPLETED, ""));
                for (int i = 0; i < settings.connections(); i++) {
                    sendClosed(i);
                }
            }
        });
        return done.future();
    }

    private void tick() {
        long due;
        synchronized (this) {
            if (stopping) {
                return;
            }
            due = scheduler.due();
        }
        for (long i = 0; i < due; i++) {
            long index = scheduler.take();
            send(index, scheduler.intendedNanos(index), -1);
        }
        if (scheduler.finished()) {
            stopSending(Outcome.COMPLETED, "");
        }
    }

    private void sendClosed(int worker) {
        synchronized (this) {
            if (stopping || clock.getAsLong() >= sendingEnd) {
                return;
            }
        }
        send(closedCount.getAndIncrement(), clock.getAsLong(), worker);
    }

    /** Starts one request intended at {@code intended}; {@code worker} >= 0 sends the next one when it ends. */
    private void send(long index, long intended, int worker) {
        long now = clock.getAsLong();
        boolean measured = intended >= warmupEnd;
        synchronized (this) {
            inFlight++;
            if (measured) {
                if (firstMeasured < 0) {
                    firstMeasured = intended;
                }
                lastMeasuredSend = now;
            }
        }
        recorder.sent(measured, now - intended);
        RequestOptions options = requests[(int) (index % requests.length)];
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(settings.requestTimeout().toMillis(), id -> {
            if (finished(finished, measured, false, ErrorKind.TIMEOUT, intended, worker)) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        request(worker, options)
                .compose(r -> {
                    request.set(r);
                    return r.send();
                })
                .compose(response -> {
                    response.handler(buffer -> { });
                    return response.end().map(v -> response.statusCode());
                })
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    if (ar.succeeded()) {
                        finished(finished, measured, true, LoadErrors.ofStatus(ar.result()), intended, worker);
                    } else {
                        finished(finished, measured, false, LoadErrors.ofFailure(ar.cause()), intended, worker);
                    }
                });
    }

    /** Records one end of a request exactly once; true when this call was the one that recorded it. */
    private boolean finished(AtomicBoolean once, boolean measured, boolean answered, ErrorKind kind, long intended,
                             int worker) {
        if (!once.compareAndSet(false, true)) {
            return false;
        }
        long now = clock.getAsLong();
        recorder.finished(measured, answered, kind, now - intended);
        boolean idle;
        synchronized (this) {
            inFlight--;
            if (measured) {
                lastAnswer = now;
            }
            idle = stopping && inFlight == 0;
        }
        checkErrors();
        if (idle) {
            finish();
        } else if (worker >= 0) {
            sendClosed(worker);
        }
        return true;
    }

    private void checkErrors() {
        long finished = recorder.allFinished();
        if (recorder.allAnswered() == 0 && finished >= UNREACHABLE_AFTER) {
            stopSending(Outcome.UNREACHABLE, "none of the first " + finished + " requests got an answer "
                    + recorder.errors());
        } else if (finished >= STOP_MIN_FINISHED && recorder.errorRatio() > settings.stopErrorRatio()) {
            stopSending(Outcome.STOPPED_ERRORS, String.format(java.util.Locale.ROOT,
                    "stopped early: %.1f%% of %d finished requests failed, above the stop bound of %.1f%%",
                    recorder.errorRatio() * 100, finished, settings.stopErrorRatio() * 100));
        }
    }

    private void stopSending(Outcome why, String because) {
        boolean idle;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            outcome = why;
            detail = because;
            idle = inFlight == 0;
        }
        vertx.cancelTimer(tickTimer);
        if (idle) {
            finish();
        }
    }

    /** The total deadline: whatever is still in flight is cut off and counted as timeouts. */
    private void cutOff(Duration deadline) {
        synchronized (this) {
            if (done.future().isComplete()) {
                return;
            }
            if (!stopping || inFlight > 0) {
                outcome = Outcome.DEADLINE;
                detail = "the total deadline of " + deadline.toMillis() + " ms passed with " + inFlight
                        + " requests unfinished" + (stopping ? "" : " and the run still sending");
            }
            stopping = true;
        }
        vertx.cancelTimer(tickTimer);
        recorder.unfinishedAsTimeouts();
        finish();
    }

    private void finish() {
        LoadEvidence evidence;
        synchronized (this) {
            if (done.future().isComplete()) {
                return;
            }
            evidence = evidence();
            done.complete(evidence);
        }
        vertx.cancelTimer(deadlineTimer);
        vertx.cancelTimer(tickTimer);
        client.close();
    }

    private LoadEvidence evidence() {
        long sent = recorder.sent();
        long answered = recorder.answered();
        Outcome result = outcome;
        if (recorder.allAnswered() == 0 && recorder.allFinished() > 0) {
            result = Outcome.UNREACHABLE;
        }
        long start = firstMeasured >= 0 ? firstMeasured : warmupEnd;
        long sendWindow = settings.mode() == LoadSettings.Mode.OPEN
                ? (lastMeasuredSend < 0 ? 0 : lastMeasuredSend - start + scheduler.intervalNanos())
                : Math.min(clock.getAsLong(), sendingEnd) - warmupEnd;
        long answerWindow = lastAnswer < 0 ? 0 : lastAnswer - start;
        return new LoadEvidence(target.origin(), settings, startedAt, result, detail,
                Duration.ofNanos(Math.max(0, answerWindow)), sent, answered, recorder.errors(), recorder.summary(),
                perSecond(sent, sendWindow), perSecond(answered, answerWindow), recorder.sendLagP99(),
                Optional.empty());
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }
}
