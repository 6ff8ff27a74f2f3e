package dev.vantage.notify;

import dev.vantage.config.AlertsConfig;

import java.util.List;

/** The channels of the {@code alerts:} block. */
public final class Channels {

    private Channels() {
    }

    public static List<Channel> of(AlertsConfig alerts) {
        return alerts.channels().stream().map(Channels::of).toList();
    }

    /** The Alertmanager channels, whose firing alerts {@link AlertRepeater} repeats. */
    public static List<AlertmanagerChannel> alertmanagers(AlertsConfig alerts) {
        return of(alerts).stream().filter(AlertmanagerChannel.class::isInstance)
                .map(AlertmanagerChannel.class::cast).toList();
    }

    static Channel of(AlertsConfig.Channel c) {
        return switch (c.type()) {
            case WEBHOOK -> new WebhookChannel(c.name(), c.url(), c.secret().orElseThrow(() ->
                    new IllegalArgumentException("webhook channel " + c.name() + " has no secret")));
            case SLACK -> new SlackChannel(c.name(), c.url());
            case ALERTMANAGER -> new AlertmanagerChannel(c.name(), c.url());
        };
    }

    /** The delivery the service uses: the configured retries and timeout, Vert.x timers and Web Client. */
    public static Delivery delivery(io.vertx.core.Vertx vertx, AlertsConfig alerts, DeliveryLog log) {
        AlertsConfig.Delivery d = alerts.delivery();
        java.util.Random random = new java.util.Random();
        return new Delivery(Sender.webClient(vertx), Timers.of(vertx), log,
                new RetryPolicy(d.maxAttempts(), d.initialBackoff(), d.maxBackoff()), d.timeout(),
                java.time.Clock.systemUTC(), random::nextDouble);
    }
}
