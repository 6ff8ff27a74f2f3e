package dev.vantage.notify;

import java.time.Instant;

/** A receiver of notifications: turns one into the request its API expects (pure; the sending is elsewhere). */
public interface Channel {

    /** The name attempts are recorded under ({@code alerts.channels[].name}). */
    String name();

    /** @param now when the request is made (the webhook signature's timestamp, Alertmanager's end time) */
    OutboundRequest render(Notification n, Instant now);
}
