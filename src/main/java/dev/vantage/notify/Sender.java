package dev.vantage.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;

/** Sends one request and answers its status; the future fails on a network error or after the timeout. */
public interface Sender {

    Future<Integer> send(OutboundRequest request, Duration timeout);

    /** Vert.x Web Client; redirects are not followed (a receiver that moves is a configuration to fix). */
    static Sender webClient(io.vertx.core.Vertx vertx) {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setUserAgent("Vantage/" + dev.vantage.Version.current() + " (notifications)").setConnectTimeout(5000));
        return (request, timeout) -> {
            // The idle timeout closes a silent connection; the timer bounds one that dribbles bytes too.
            var r = client.postAbs(request.url().toString()).idleTimeout(timeout.toMillis())
                    .connectTimeout(timeout.toMillis());
            request.headers().forEach(r::putHeader);
            Promise<Integer> status = Promise.promise();
            long timer = vertx.setTimer(timeout.toMillis(), id -> status.tryFail(new java.util.concurrent.TimeoutException(
                    "no answer within " + timeout.toMillis() + " ms")));
            r.sendBuffer(Buffer.buffer(request.body())).onComplete(ar -> {
                vertx.cancelTimer(timer);
                if (ar.succeeded()) {
                    status.tryComplete(ar.result().statusCode());
                } else {
                    status.tryFail(ar.cause());
                }
            });
            return status.future();
        };
    }
}
