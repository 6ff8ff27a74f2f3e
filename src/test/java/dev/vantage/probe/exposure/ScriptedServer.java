package dev.vantage.probe.exposure;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A loopback HTTP server for exposure and rate-limit tests: scripted routes by path, and a fallback for every
 * other path (404 unless told otherwise, unlike {@code LoopbackSite}, whose unscripted paths answer 200).
 */
public final class ScriptedServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests;

    private ScriptedServer(HttpServer server, AtomicInteger requests) {
        this.server = server;
        this.requests = requests;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close().await();
    }

    /** Routes, then {@link #start(Vertx)}. */
    public static final class Builder {
        private final Map<String, Consumer<HttpServerRequest>> routes = new HashMap<>();
        private Consumer<HttpServerRequest> fallback = req -> req.response().setStatusCode(404).end("Not Found");

        public Builder route(String path, Consumer<HttpServerRequest> handler) {
            routes.put(path, handler);
            return this;
        }

        public Builder page(String path, int status, String body) {
            return route(path, req -> req.response().setStatusCode(status).end(body));
        }

        public Builder fallback(Consumer<HttpServerRequest> handler) {
            fallback = handler;
            return this;
        }

        public ScriptedServer start(Vertx vertx) {
            AtomicInteger requests = new AtomicInteger();
            Map<String, Consumer<HttpServerRequest>> script = Map.copyOf(routes);
            Consumer<HttpServerRequest> otherwise = fallback;
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(req -> {
                        requests.incrementAndGet();
                        script.getOrDefault(req.path(), otherwise).accept(req);
                    });
            try {
                server.listen().await(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("scripted server did not start within 10 s", e);
            }
            return new ScriptedServer(server, requests);
        }
    }
}
