package dev.vantage.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** The generic JSON webhook, signed (see {@link WebhookSignature}) and keyed for idempotency. */
public final class WebhookChannel implements Channel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI url;
    private final String secret;

    public WebhookChannel(String name, URI url, String secret) {
        this.name = name;
        this.url = url;
        this.secret = secret;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OutboundRequest render(Notification n, Instant now) {
        String body = body(n).toString();
        long timestamp = now.getEpochSecond();
        return new OutboundRequest(url, Map.of("Content-Type", "application/json",
                "Idempotency-Key", n.idempotencyKey(),
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body)), body);
    }

    static ObjectNode body(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", n.event().id());
        o.put("incident", n.incidentId());
        o.put("target", n.target());
        o.put("kind", n.kind());
        o.put("subject", n.subject());
        o.put("title", n.title());
        o.put("evidence", n.evidence());
        o.put("openedAt", n.openedAt().toString());
        n.resolvedAt().ifPresent(r -> o.put("resolvedAt", r.toString()));
        n.resolution().ifPresent(r -> o.put("resolution", r));
        return o;
    }
}
