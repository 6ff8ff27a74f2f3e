package dev.vantage.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager ({@code POST /api/v2/alerts}). Alertmanager identifies an alert by its labels, and the
 * labels carry the incident id, so sending the same transition twice is one alert; a resolution is the same alert
 * with {@code endsAt} set. Alertmanager ends an alert that is not sent again by its {@code endsAt}, as it expects of
 * Prometheus, so a firing incident is sent again every {@link AlertRepeater#EVERY} ({@link #stillFiring}) with an end
 * a few repeats ahead: an incident that lasts a week stays firing, and one whose Vantage died ends within minutes
 * rather than firing forever.
 */
public final class AlertmanagerChannel implements Channel {

    /** The end given to a firing alert: five repeats ahead, so four lost repeats in a row do not end it. */
    static final Duration FIRING_FOR = AlertRepeater.EVERY.multipliedBy(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI alerts;

    /** @param url Alertmanager's base URL ({@code http://alertmanager:9093}) */
    public AlertmanagerChannel(String name, URI url) {
        this.name = name;
        String base = url.toString().replaceAll("/+$", "");
        this.alerts = URI.create(base.endsWith("/api/v2/alerts") ? base : base + "/api/v2/alerts");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OutboundRequest render(Notification n, Instant now) {
        return stillFiring(List.of(n), now);
    }

    /** One request carrying every alert given (Alertmanager takes a list), each as {@link #render} would. */
    public OutboundRequest stillFiring(List<Notification> alerts, Instant now) {
        ArrayNode body = JSON.createArrayNode();
        alerts.forEach(n -> add(body, n, now));
        return new OutboundRequest(this.alerts, Map.of("Content-Type", "application/json"), body.toString());
    }

    private static void add(ArrayNode body, Notification n, Instant now) {
        ObjectNode alert = body.addObject();
        ObjectNode labels = alert.putObject("labels");
        labels.put("alertname", "VantageIncident");
        labels.put("target", n.target());
        labels.put("kind", n.kind());
        if (!n.subject().isEmpty()) {
            labels.put("check", n.subject());
        }
        labels.put("incident", n.incidentId());
        labels.put("severity", n.kind().equals("down") ? "critical" : "warning");
        ObjectNode annotations = alert.putObject("annotations");
        annotations.put("summary", n.title());
        annotations.put("description", n.evidence());
        n.resolution().ifPresent(r -> annotations.put("resolution", r));
        alert.put("startsAt", n.openedAt().toString());
        alert.put("endsAt", n.resolvedAt().orElse(now.plus(FIRING_FOR)).toString());
    }
}
