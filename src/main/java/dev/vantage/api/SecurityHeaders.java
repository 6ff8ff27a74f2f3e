package dev.vantage.api;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Adds the headers Vantage's own checks expect to every response, errors included. */
public final class SecurityHeaders implements Handler<RoutingContext> {

    private final boolean https;

    /** @param https the service listens with TLS, so HSTS is sent (it means nothing, and is ignored, over http) */
    public SecurityHeaders(boolean https) {
        this.https = https;
    }

    public SecurityHeaders() {
        this(false);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            apply(ctx.response().headers());
            if (https) {
                ctx.response().headers().set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            }
        });
        ctx.next();
    }

    static void apply(MultiMap h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        // A route that serves pages (the console) sets its own, still strict, policy; everything else gets none.
        if (!h.contains("Content-Security-Policy")) {
            h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
        h.set("Referrer-Policy", "no-referrer");
        h.set("Permissions-Policy", "geolocation=(), camera=(), microphone=()");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if (!h.contains("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
    }
}
