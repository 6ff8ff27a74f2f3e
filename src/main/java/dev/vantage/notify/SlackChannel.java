package dev.vantage.notify;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A Slack-compatible incoming webhook ({@code {"text": ...}}, which Mattermost and Rocket.Chat accept too). Slack
 * has no idempotency key: a retry after a lost answer may post twice, which retries only on failure keep rare.
 */
public final class SlackChannel implements Channel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI url;

    public SlackChannel(String name, URI url) {
        this.name = name;
        this.url = url;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OutboundRequest render(Notification n, Instant now) {
        String text = n.event() == Notification.Event.OPENED
                ? ":red_circle: *" + n.title() + "*\n" + n.evidence() + "\n_incident " + n.incidentId() + ", since "
                + n.openedAt() + "_"
                : ":large_green_circle: *resolved: " + n.title() + "*\n" + n.resolution().orElse("") + "\n_incident "
                + n.incidentId() + ", " + n.openedAt() + " to " + n.resolvedAt().map(Instant::toString).orElse("?")
                + "_";
        return new OutboundRequest(url, Map.of("Content-Type", "application/json"),
                JSON.createObjectNode().put("text", text).toString());
    }
}
