package dev.vantage.config;

import dev.vantage.target.Durations;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** Reads the {@code alerts:} block and the {@code maintenance:} list of the config file, naming every problem. */
final class AlertsParser {

    private static final Duration MAX_WINDOW = Duration.ofDays(7);

    /** Resolves a secret reference at a node, reporting a failure there. */
    private final BiFunction<Node, String, Optional<String>> secret;

    AlertsParser(BiFunction<Node, String, Optional<String>> secret) {
        this.secret = secret;
    }

    AlertsConfig alerts(Node a) {
        if (!a.expectObject(Set.of("failure-threshold", "recovery-threshold", "cert-days", "channels", "delivery"))) {
            return AlertsConfig.DEFAULT;
        }
        int failures = a.child("failure-threshold").integer(1, 100).orElse(AlertsConfig.DEFAULT_FAILURE_THRESHOLD);
        int recoveries = a.child("recovery-threshold").integer(1, 100).orElse(AlertsConfig.DEFAULT_RECOVERY_THRESHOLD);
        int certDays = a.child("cert-days").integer(1, 365).orElse(AlertsConfig.DEFAULT_CERT_DAYS);
        List<AlertsConfig.Channel> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node c : a.child("channels").list()) {
            channel(c).ifPresent(ch -> {
                if (names.add(ch.name())) {
                    channels.add(ch);
                } else {
                    c.child("name").problem("duplicate channel name \"" + ch.name() + "\"");
                }
            });
        }
        return new AlertsConfig(failures, recoveries, certDays, channels, delivery(a.child("delivery")));
    }

    private Optional<AlertsConfig.Channel> channel(Node c) {
        if (!c.expectObject(Set.of("name", "type", "url", "secret"))) {
            if (!c.isPresent()) {
                c.problem("expected a channel {type: webhook|slack|alertmanager, url: ...}");
            }
            return Optional.empty();
        }
        Optional<AlertsConfig.ChannelType> type = c.child("type").requiredText().flatMap(t -> {
            for (AlertsConfig.ChannelType k : AlertsConfig.ChannelType.values()) {
                if (k.id().equals(t)) {
                    return Optional.of(k);
                }
            }
            c.child("type").problem("\"" + t + "\" is not one of webhook, slack, alertmanager");
            return Optional.empty();
        });
        Optional<URI> url = c.child("url").requiredText().flatMap(v -> secret.apply(c.child("url"), v))
                .flatMap(v -> url(c.child("url"), v));
        Optional<String> key = c.child("secret").text().flatMap(v -> {
            if (!Secrets.isReference(v)) {
                c.child("secret").problem("must be a reference (${ENV_VAR} or file:/path), not the secret itself");
                return Optional.empty();
            }
            return secret.apply(c.child("secret"), v);
        });
        if (type.isPresent() && type.get() == AlertsConfig.ChannelType.WEBHOOK && c.child("secret").isPresent()
                && key.isEmpty()) {
            return Optional.empty();
        }
        if (type.isPresent() && type.get() == AlertsConfig.ChannelType.WEBHOOK && !c.child("secret").isPresent()) {
            c.child("secret").problem("is required for a webhook: receivers verify the signature with it");
        }
        if (type.isEmpty() || url.isEmpty()) {
            return Optional.empty();
        }
        String name = c.child("name").text().orElse(type.get().id());
        return Optional.of(new AlertsConfig.Channel(name, type.get(), url.get(), key));
    }

    private static Optional<URI> url(Node at, String value) {
        try {
            URI u = new URI(value);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return Optional.of(u);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        // The value may be a resolved secret (a Slack URL is one): never quote it.
        at.problem("is not an absolute http:// or https:// URL");
        return Optional.empty();
    }

    private static AlertsConfig.Delivery delivery(Node d) {
        AlertsConfig.Delivery def = AlertsConfig.Delivery.DEFAULT;
        if (!d.expectObject(Set.of("max-attempts", "initial-backoff", "max-backoff", "timeout"))) {
            return def;
        }
        int attempts = d.child("max-attempts").integer(1, 20).orElse(def.maxAttempts());
        Duration initial = positive(d.child("initial-backoff")).orElse(def.initialBackoff());
        Duration max = positive(d.child("max-backoff")).orElse(def.maxBackoff());
        Duration timeout = positive(d.child("timeout")).orElse(def.timeout());
        if (max.compareTo(initial) < 0) {
            d.child("max-backoff").problem("must not be shorter than initial-backoff");
        }
        if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            d.child("timeout").problem("must be at most 1m (a hanging receiver must not hold a delivery longer)");
        }
        return new AlertsConfig.Delivery(attempts, initial, max, timeout);
    }

    private static Optional<Duration> positive(Node n) {
        Optional<Duration> d = n.parsed(Durations::tryParse, "a duration like 2s, 5m");
        d.filter(Duration::isZero).ifPresent(z -> n.problem("must be more than 0"));
        return d.filter(x -> !x.isZero());
    }

    static List<MaintenanceWindow> maintenance(Node m) {
        List<MaintenanceWindow> out = new ArrayList<>();
        for (Node w : m.list()) {
            if (!w.expectObject(Set.of("cron", "duration", "targets"))) {
                if (!w.isPresent()) {
                    w.problem("expected a window {cron: \"0 0 2 ? * SUN\", duration: 2h, targets: [...]}");
                }
                continue;
            }
            Optional<String> cron = w.child("cron").requiredText().filter(c -> {
                try {
                    new org.quartz.CronExpression(c);
                    return true;
                } catch (java.text.ParseException e) {
                    w.child("cron").problem("\"" + c + "\" is not a Quartz cron expression: " + e.getMessage());
                    return false;
                }
            });
            Optional<Duration> duration = w.child("duration").requiredText().flatMap(t -> {
                Optional<Duration> d = Durations.tryParse(t).filter(x -> !x.isZero() && x.compareTo(MAX_WINDOW) <= 0);
                if (d.isEmpty()) {
                    w.child("duration").problem("\"" + t + "\" is not a duration above 0 and at most 7d");
                }
                return d;
            });
            if (cron.isPresent() && duration.isPresent()) {
                out.add(new MaintenanceWindow(cron.get(), duration.get(), w.child("targets").stringList()));
            }
        }
        return out;
    }
}
