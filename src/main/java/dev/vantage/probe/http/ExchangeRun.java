package dev.vantage.probe.http;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.Phase;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.FailureClassifier.Stage;
import dev.vantage.probe.tls.RecordingTrustManager;
import dev.vantage.probe.tls.TlsSessionEvidence;
import dev.vantage.probe.tls.TlsSessions;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One exchange, from name to last body byte: resolve, connect, TLS, write, read. Every callback runs on the one
 * event-loop context the run started on, so the fields need no locking; the first outcome wins and later events
 * (a connect completing after the deadline, a close after the answer) only release resources.
 *
 * <p>The event loop is never held for long: each socket read is handled in its own event-loop task (the socket
 * is paused after every read and resumed on the next turn, so a peer streaming tiny chunks cannot keep a batch of
 * reads, the deadline timer and other connections waiting), and the body is inflated and decoded on a worker.
 * Phase timings come from an injected nanosecond clock.
 */
final class ExchangeRun {

    private final Vertx vertx;
    private final NetClient client;
    private final ProbeOptions options;
    private final TrustStores trust;
    private final HttpRequestSpec spec;
    private final Deadline deadline;
    private final LongSupplier clock;
    private final Optional<InetAddress> redirectedFrom;
    private final Promise<HttpExchange> result = Promise.promise();

    private Context context;
    private PhaseTimings timings = PhaseTimings.NONE;
    private long phaseStart;
    private Optional<String> remote = Optional.empty();
    private Optional<TlsSessionEvidence> tls = Optional.empty();
    private Stage stage = Stage.CONNECT;
    private NetSocket socket;
    private ResponseReader reader;
    private boolean firstByte;
    private boolean done;
    private long timer = -1;

    ExchangeRun(Vertx vertx, NetClient client, ProbeOptions options, TrustStores trust, HttpRequestSpec spec,
                Deadline deadline, LongSupplier clock, Optional<InetAddress> redirectedFrom) {
        this.vertx = vertx;
        this.client = client;
        this.options = options;
        this.trust = trust;
        this.spec = spec;
        this.deadline = deadline;
        this.clock = clock;
        this.redirectedFrom = redirectedFrom;
        this.phaseStart = clock.getAsLong();
    }

    Future<HttpExchange> start() {
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> begin());
        return result.future();
    }

    private void begin() {
        URI url = spec.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            fail(new ProbeFailure(FailureKind.IO, "not an absolute http(s) URL: " + url));
            return;
        }
        if (deadline.passed()) {
            fail(new ProbeFailure(FailureKind.TIMEOUT, "deadline passed before " + url + " was requested"));
            return;
        }
        timer = vertx.setTimer(deadline.remainingMillis(), id -> onDeadline());
        phaseStart = clock.getAsLong();
        new TargetResolver(vertx, options.resolve(), options.addressPolicy())
                .resolve(url.getHost(), port())
                .onComplete(ar -> {
                    if (ar.failed()) {
                        fail(new ProbeFailure(FailureKind.DNS, "cannot resolve " + url.getHost() + ": "
                                + ar.cause().getMessage()));
                    } else {
                        onResolved(ar.result());
                    }
                });
    }

    private void onResolved(TargetResolver.Resolution resolution) {
        if (done) {
            return;
        }
        mark(Phase.RESOLVE);
        if (resolution.failure().isPresent()) {
            fail(resolution.failure().get());
            return;
        }
        InetAddress address = resolution.address().orElseThrow();
        Optional<String> refused = redirectedFrom.flatMap(from -> options.addressPolicy().redirectRefusal(from, address));
        if (refused.isPresent()) {
            fail(new ProbeFailure(FailureKind.BLOCKED_ADDRESS, refused.get()));
            return;
        }
        String ip = address.getHostAddress();
        remote = Optional.of(ip);
        // The deadline timer ends slow connects; the connect timeout only backs it up.
        client.connect(new ConnectOptions().setRemoteAddress(SocketAddress.inetSocketAddress(port(), ip))
                .setTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()))).onComplete(ar -> {
            if (done) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
            } else if (ar.failed()) {
                fail(FailureClassifier.classify(ar.cause(), Stage.CONNECT, where()));
            } else {
                onConnected(ar.result());
            }
        });
    }

    private void onConnected(NetSocket connected) {
        socket = connected;
        mark(Phase.CONNECT);
        socket.exceptionHandler(this::onError);
        socket.closeHandler(v -> onClosed());
        if (!spec.url().getScheme().equalsIgnoreCase("https")) {
            send();
            return;
        }
        stage = Stage.TLS;
        RecordingTrustManager recorder = new RecordingTrustManager(trust, spec.url().getHost());
        String sni = TlsSessions.serverName(spec.url().getHost());
        socket.upgradeToSsl(TlsSessions.clientOptions(recorder), sni).onComplete(ar -> {
            if (done) {
                return;
            }
            if (ar.failed()) {
                fail(FailureClassifier.classify(ar.cause(), Stage.TLS, where()));
                return;
            }
            mark(Phase.TLS);
            tls = Optional.of(TlsSessions.evidence(socket, recorder));
            send();
        });
    }

    private void send() {
        stage = Stage.EXCHANGE;
        reader = new ResponseReader(options.maxBodyBytes(), spec.method().equalsIgnoreCase("HEAD"));
        String head;
        try {
            head = HttpRequestWriter.render(spec, options);
        } catch (IllegalArgumentException e) {
            fail(new ProbeFailure(FailureKind.IO, e.getMessage()));
            return;
        }
        socket.handler(this::onData);
        socket.write(head);
    }

    private void onData(Buffer bytes) {
        if (done) {
            return;
        }
        if (!firstByte) {
            firstByte = true;
            mark(Phase.PROCESSING);
        }
        settle(reader.feed(bytes.getBytes()));
        if (!done) {
            socket.pause();
            context.runOnContext(v -> {
                if (!done) {
                    socket.resume();
                }
            });
        }
    }

    private void onClosed() {
        if (done) {
            return;
        }
        if (stage == Stage.TLS) {
            fail(new ProbeFailure(FailureKind.TLS_HANDSHAKE, where() + " closed the connection during the TLS handshake"));
        } else if (stage == Stage.CONNECT || reader == null) {
            fail(new ProbeFailure(FailureKind.RESET, where() + " closed the connection before the request was sent"));
        } else {
            settle(reader.closed());
        }
    }

    private void settle(ResponseReader.State state) {
        switch (state) {
            case NEED_MORE -> { }
            case COMPLETE, CAPPED -> {
                mark(Phase.TRANSFER);
                finish(Optional.empty());
            }
            case INVALID -> finish(Optional.of(new ProbeFailure(FailureKind.PROTOCOL,
                    reader.problem().orElse("not HTTP") + " (from " + where() + ")")));
            case PREMATURE_CLOSE -> {
                markTransfer();
                finish(Optional.of(prematureClose()));
            }
        }
    }

    private ProbeFailure prematureClose() {
        if (reader.hasHead()) {
            return new ProbeFailure(FailureKind.RESET, where() + " closed the connection mid-response after "
                    + reader.bytesSeen() + " bytes" + reader.problem().map(p -> " (" + p + ")").orElse(""));
        }
        if (reader.bytesSeen() > 0) {
            return new ProbeFailure(FailureKind.PROTOCOL, where() + " sent " + reader.bytesSeen()
                    + " bytes that are not an HTTP response, then closed");
        }
        return new ProbeFailure(FailureKind.RESET, where() + " closed the connection without answering");
    }

    private void onError(Throwable error) {
        if (done) {
            return;
        }
        markTransfer();
        finish(Optional.of(FailureClassifier.classify(error, stage, where())));
    }

    private void onDeadline() {
        timer = -1;
        if (done) {
            return;
        }
        markTransfer(); // how long the body dribbled before the deadline cut it
        finish(Optional.of(new ProbeFailure(FailureKind.TIMEOUT, "no complete answer from " + where()
                + " within the " + options.timeout().toMillis() + " ms deadline")));
    }

    private void fail(ProbeFailure failure) {
        finish(Optional.of(failure));
    }

    /**
     * Completes once; a response whose head arrived is kept, even beside a failure, as evidence. Nothing feeds
     * the reader after this, so its body is inflated and decoded on a worker (up to the body cap: bounded, but
     * too long for an event loop at tens of megabytes).
     */
    private void finish(Optional<ProbeFailure> failure) {
        if (done) {
            return;
        }
        done = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (socket != null) {
            socket.close();
        }
        if (reader == null || !reader.hasHead()) {
            complete(Optional.empty(), failure);
            return;
        }
        ResponseReader answered = reader;
        answered.release();
        context.executeBlocking(answered::evidence, false).onComplete(ar -> {
            if (ar.succeeded()) {
                complete(Optional.of(ar.result()), failure);
            } else {
                complete(Optional.empty(), Optional.of(failure.orElseGet(() -> new ProbeFailure(FailureKind.IO,
                        "could not decode the answer of " + where() + ": " + ar.cause()))));
            }
        });
    }

    private void complete(Optional<HttpResponseEvidence> response, Optional<ProbeFailure> failure) {
        if (reader != null) {
            reader.release();
        }
        result.complete(new HttpExchange(spec, remote, timings, tls, response, failure));
    }

    private void markTransfer() {
        if (firstByte) {
            mark(Phase.TRANSFER);
        }
    }

    private void mark(Phase phase) {
        long now = clock.getAsLong();
        timings = timings.with(phase, Duration.ofNanos(now - phaseStart));
        phaseStart = now;
    }

    private int port() {
        int port = spec.url().getPort();
        return port == -1 ? HttpRequestWriter.defaultPort(spec.url().getScheme()) : port;
    }

    private String where() {
        return spec.url().getHost() + ":" + port();
    }
}
