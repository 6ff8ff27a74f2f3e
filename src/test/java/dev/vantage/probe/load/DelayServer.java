package dev.vantage.probe.load;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** A loopback HTTP server whose behaviour per request (by 1-based arrival number) the test decides. */
final class DelayServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    private DelayServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Starts on 127.0.0.1 and a free port; {@code behaviour} gets each request with its arrival number. */
    static DelayServer start(Vertx vertx, BiConsumer<Integer, HttpServerRequest> behaviour) {
        AtomicInteger counter = new AtomicInteger();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
        DelayServer result = new DelayServer(vertx, server);
        server.requestHandler(request -> {
            int n = request.path().startsWith("/.well-known/") ? 0 : counter.incrementAndGet();
            result.requests.set(counter.get());
            behaviour.accept(n, request);
        });
        server.listen().await();
        return result;
    }

    /** Answers 200 "ok" after {@code millis} (0: at once). */
    static BiConsumer<Integer, HttpServerRequest> delayed(Vertx vertx, long millis) {
        return (n, request) -> answerLater(vertx, request, 200, millis);
    }

    static void answerLater(Vertx vertx, HttpServerRequest request, int status, long millis) {
        if (millis <= 0) {
            request.response().setStatusCode(status).end("ok");
        } else {
            vertx.setTimer(millis, id -> request.response().setStatusCode(status).end("ok"));
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }

    LoadTarget target() {
        return new LoadTarget(URI.create("http://127.0.0.1:" + server.actualPort()), "127.0.0.1",
                java.util.Optional.empty());
    }

    @Override
    public void close() {
        server.close().await();
    }
}
