package dev.vantage.api;

import dev.vantage.config.VantageConfig;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address in front of {@code /api}: a script gone wrong (or a hostile client) gets 429
 * with {@code Retry-After} instead of a share of the database and the probe pipeline. Every answer carries
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining}, so clients can pace themselves. {@code /health},
 * {@code /ready} and {@code /metrics} are not limited: orchestrators and Prometheus must always get through.
 */
final class ClientRateLimit implements Handler<RoutingContext> {

    /** Buckets kept at most; beyond it, full (idle) buckets are dropped: they carry no state worth keeping. */
    static final int MAX_CLIENTS = 10_000;

    private final double perNano;
    private final int burst;
    private final LongSupplier clock;
    private final int maxClients;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimit(VantageConfig.RateLimit limit, LongSupplier nanoClock) {
        this(limit, nanoClock, MAX_CLIENTS);
    }

    ClientRateLimit(VantageConfig.RateLimit limit, LongSupplier nanoClock, int maxClients) {
        this.perNano = limit.perSecond() / 1e9;
        this.burst = limit.burst();
        this.clock = nanoClock;
        this.maxClients = maxClients;
    }

    /** One client's tokens; synchronized per bucket, so clients never contend with each other. */
    private final class Bucket {
        private double tokens = burst;
        private long updated = clock.getAsLong();

        /** Takes a token; returns the tokens left, or minus the nanoseconds until one is available. */
        synchronized double take() {
            refill();
            if (tokens >= 1) {
                tokens -= 1;
                return tokens;
            }
            return -((1 - tokens) / perNano);
        }

        synchronized boolean full() {
            refill();
            return tokens >= burst;
        }

        private void refill() {
            long now = clock.getAsLong();
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        double left = take(client(ctx));
        ctx.response().putHeader("RateLimit-Limit", String.valueOf(burst));
        if (left >= 0) {
            ctx.response().putHeader("RateLimit-Remaining", String.valueOf((long) Math.floor(left)));
            ctx.next();
            return;
        }
        long retryAfter = Math.max(1, (long) Math.ceil(-left / 1e9));
        ctx.response().putHeader("RateLimit-Remaining", "0").putHeader("Retry-After", String.valueOf(retryAfter));
        ctx.fail(new ApiException(429, "too many requests from this client: at most " + burst + " at once and "
                + trim(perNano * 1e9) + " per second; retry after " + retryAfter + " s"));
    }

    /** Takes a token for {@code client}: the tokens left, or minus the nanoseconds until one is available. */
    double take(String client) {
        Bucket b = buckets.get(client);
        if (b == null) {
            if (buckets.size() >= maxClients) {
                buckets.values().removeIf(Bucket::full);
            }
            b = buckets.computeIfAbsent(client, c -> new Bucket());
        }
        return b.take();
    }

    int clients() {
        return buckets.size();
    }

    private static String client(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
