package dev.vantage.notify;

import java.net.URI;
import java.util.Map;

/** One POST a channel wants sent: where, with which headers, and the body. */
public record OutboundRequest(URI url, Map<String, String> headers, String body) {
    public OutboundRequest {
        headers = Map.copyOf(headers);
    }
}
