package dev.vantage.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code alerts:} block: when an incident opens and resolves, where notifications go, and how hard their
 * delivery is tried (docs/alerting.md).
 *
 * @param failureThreshold  consecutive failed pulses that open a "down" incident
 * @param recoveryThreshold consecutive successful pulses that resolve it
 * @param certDays          a certificate expiring within this many days opens an incident
 */
public record AlertsConfig(int failureThreshold, int recoveryThreshold, int certDays, List<Channel> channels,
                           Delivery delivery) {

    public static final int DEFAULT_FAILURE_THRESHOLD = 3;
    public static final int DEFAULT_RECOVERY_THRESHOLD = 2;
    public static final int DEFAULT_CERT_DAYS = 14;
    public static final AlertsConfig DEFAULT = new AlertsConfig(DEFAULT_FAILURE_THRESHOLD, DEFAULT_RECOVERY_THRESHOLD,
            DEFAULT_CERT_DAYS, List.of(), Delivery.DEFAULT);

    public AlertsConfig {
        channels = List.copyOf(channels);
    }

    /** The receivers Vantage knows how to address. */
    public enum ChannelType {
        /** Generic JSON, signed with HMAC-SHA256. */
        WEBHOOK,
        /** A Slack-compatible incoming webhook. */
        SLACK,
        /** Prometheus Alertmanager's {@code POST /api/v2/alerts}. */
        ALERTMANAGER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One receiver. {@code url} may hold a secret (Slack's URL is one) and {@code secret} signs webhooks: both are
     * resolved, never printed.
     */
    public record Channel(String name, ChannelType type, URI url, Optional<String> secret) {
        @Override
        public String toString() {
            return "Channel[name=" + name + ", type=" + type.id() + "]";
        }
    }

    /**
     * Retries: at most {@code maxAttempts} per channel and event, waiting {@code initialBackoff} doubled each time
     * (capped at {@code maxBackoff}, with full jitter); each attempt gives up after {@code timeout}.
     */
    public record Delivery(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {
        public static final Delivery DEFAULT = new Delivery(6, Duration.ofSeconds(2), Duration.ofMinutes(5),
                Duration.ofSeconds(10));
    }
}
