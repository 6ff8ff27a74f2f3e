package dev.vantage.probe.load;

import dev.vantage.probe.load.LoadEvidence.ErrorKind;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * The HTTP side of a load run: the Vert.x client, the closed loop's own connection per worker, one request's trip
 * from send to end, and the request timeout. Each request ends exactly once and is reported to {@link Ends}:
 * answered (any status), failed, or timed out. Confined to the run's event-loop context like {@link LoadRun}, so
 * nothing here locks: the closed loop spends most of its time in this class and every lock showed in the bench.
 */
final class LoadClient {

    /** Receives the end of each request, exactly once, on the run's context. */
    interface Ends {
        void ended(Exchange exchange, boolean answered, ErrorKind kind);
    }

    /** One request from send to end; mutable and only touched on the run's context. */
    static final class Exchange {
        final long intended;
        final boolean measured;
        /** The closed-loop worker that sends again when this ends, or -1 in the open model. */
        final int worker;
        final long sentAt;
        private HttpClientRequest request;
        private boolean ended;

        Exchange(long intended, boolean measured, int worker, long sentAt) {
            this.intended = intended;
            this.measured = measured;
            this.worker = worker;
            this.sentAt = sentAt;
        }
    }

    /** A timeout is noticed at most this late: the sweep's period, shorter for short timeouts. */
    static final long MAX_SWEEP_MILLIS = 50;

    private static final Handler<Buffer> DISCARD = buffer -> { };

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final RequestOptions[] requests;
    private final HttpConnectOptions connect;
    /** Closed loop: each worker's own connection (null until connected, or after it closed or timed out). */
    private final HttpClientConnection[] connections;
    /**
     * Requests in send order. With one timeout for all, the oldest unfinished request is always the next to time
     * out, so one periodic sweep from the head replaces a timer per request (a timer set and cancelled per
     * request cost more than the rest of the run's bookkeeping together). Ended requests leave at the next sweep.
     */
    private final ArrayDeque<Exchange> sent = new ArrayDeque<>();
    private final long timeoutNanos;
    private final long sweepMillis;
    private final LongSupplier clock;
    private final Ends ends;
    private long sweepTimer = -1;

    LoadClient(Vertx vertx, LoadTarget target, LoadSettings settings, LongSupplier clock, Ends ends) {
        this.vertx = vertx;
        this.clock = clock;
        this.ends = ends;
        long timeoutMillis = settings.requestTimeout().toMillis();
        this.timeoutNanos = settings.requestTimeout().toNanos();
        this.sweepMillis = sweepMillis(timeoutMillis);
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setConnectTimeout((int) timeoutMillis).setSsl(target.https())
                .setForceSni(target.https()).setVerifyHost(true);
        target.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(settings.connections()));
        SocketAddress server = SocketAddress.inetSocketAddress(target.port(), target.address());
        this.requests = settings.paths().stream().map(path -> new RequestOptions().setMethod(HttpMethod.GET)
                .setServer(server).setHost(target.host()).setPort(target.port()).setURI(path)
                .putHeader("Host", target.hostHeader()).putHeader("User-Agent", LoadProbe.USER_AGENT))
                .toArray(RequestOptions[]::new);
        this.connect = new HttpConnectOptions().setServer(server).setHost(target.host()).setPort(target.port())
                .setSsl(target.https()).setConnectTimeout(timeoutMillis);
        this.connections = new HttpClientConnection[settings.mode() == LoadSettings.Mode.CLOSED
                ? settings.connections() : 0];
    }

    /** A tenth of the timeout, between 1 ms and {@value #MAX_SWEEP_MILLIS} ms. */
    static long sweepMillis(long timeoutMillis) {
        return Math.max(1, Math.min(MAX_SWEEP_MILLIS, timeoutMillis / 10));
    }

    /** Starts the timeout sweep; call on the run's context so the sweep runs there. */
    void startSweeping() {
        sweepTimer = vertx.setPeriodic(sweepMillis, id -> sweep());
    }

    /** Sends request {@code index} (paths round-robin), intended at {@code intended}; its end goes to {@link Ends}. */
    void send(long index, long intended, boolean measured, int worker) {
        Exchange exchange = new Exchange(intended, measured, worker, clock.getAsLong());
        sent.addLast(exchange);
        request(worker, requests[(int) (index % requests.length)]).onComplete(ar -> created(exchange, ar));
    }

    /** Stops the sweep and closes every connection: requests still in flight are abandoned, not reported. */
    void close() {
        vertx.cancelTimer(sweepTimer);
        client.close();
    }

    /**
     * The request from the pool in the open model (requests queue there when every connection is busy), on the
     * worker's own connection in the closed loop (the pool's bookkeeping halved throughput in the bench).
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

    /**
     * Sends the request even when it already timed out while queued in the pool, as the run always did: the
     * answer then drains the connection for the next request and is not counted twice.
     */
    private void created(Exchange exchange, AsyncResult<HttpClientRequest> ar) {
        if (ar.failed()) {
            end(exchange, false, LoadErrors.ofFailure(ar.cause()));
            return;
        }
        exchange.request = ar.result();
        exchange.request.send().onComplete(answer -> answered(exchange, answer));
    }

    /** Handlers rather than {@code response.end()}: the body is discarded as it comes, with no future per chunk. */
    private void answered(Exchange exchange, AsyncResult<HttpClientResponse> ar) {
        if (ar.failed()) {
            end(exchange, false, LoadErrors.ofFailure(ar.cause()));
            return;
        }
        HttpClientResponse response = ar.result();
        int status = response.statusCode();
        response.exceptionHandler(error -> end(exchange, false, LoadErrors.ofFailure(error)));
        response.handler(DISCARD);
        response.endHandler(v -> end(exchange, true, LoadErrors.ofStatus(status)));
    }

    private void end(Exchange exchange, boolean answered, ErrorKind kind) {
        if (exchange.ended) {
            return;
        }
        exchange.ended = true;
        ends.ended(exchange, answered, kind);
    }

    /** Ends every request older than the timeout, oldest first, and forgets the ones that already ended. */
    private void sweep() {
        long now = clock.getAsLong();
        for (Exchange head = sent.peekFirst(); head != null; head = sent.peekFirst()) {
            if (!head.ended && now - head.sentAt < timeoutNanos) {
                return;
            }
            sent.pollFirst();
            if (!head.ended) {
                timedOut(head);
            }
        }
    }

    /**
     * The reset closes an HTTP/1.1 connection, so a closed-loop worker forgets its connection first and its next
     * request opens a fresh one instead of failing on the closing one.
     */
    private void timedOut(Exchange exchange) {
        if (exchange.worker >= 0) {
            connections[exchange.worker] = null;
        }
        HttpClientRequest request = exchange.request;
        end(exchange, false, ErrorKind.TIMEOUT);
        if (request != null) {
            request.reset();
        }
    }
}
