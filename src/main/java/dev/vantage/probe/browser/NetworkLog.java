package dev.vantage.probe.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.probe.browser.BrowserEvidence.FailedRequest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed subresources from Chromium's performance log (the DevTools {@code Network.*} events chromedriver records):
 * responses with status 400 and above, and requests that ended in {@code Network.loadingFailed} (network errors,
 * and requests the browser itself blocked, with its reason). Resource timing cannot tell them: Chromium omits
 * blocked requests from it and reports status 0 for cross-origin ones.
 */
final class NetworkLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Kept per load: enough to act on, bounded whatever a hostile page requests. */
    static final int MAX_FAILED = 200;

    private final Map<String, String> urls = new HashMap<>();
    private final Map<String, FailedRequest> failed = new LinkedHashMap<>();

    private NetworkLog() {
    }

    /** The failed requests in the log's messages, the page itself left out (its status is graded elsewhere). */
    static List<FailedRequest> failed(List<String> messages, String page) {
        NetworkLog log = new NetworkLog();
        messages.forEach(log::read);
        return log.failed.values().stream().filter(f -> !f.url().equals(page)).limit(MAX_FAILED)
                .toList();
    }

    private void read(String message) {
        JsonNode m;
        try {
            m = JSON.readTree(message).path("message");
        } catch (java.io.IOException e) {
            return; // not an event: chromedriver writes only JSON here, anything else is skipped
        }
        JsonNode p = m.path("params");
        String id = p.path("requestId").asText();
        switch (m.path("method").asText()) {
            case "Network.requestWillBeSent" -> urls.put(id, p.path("request").path("url").asText());
            case "Network.responseReceived" -> {
                int status = p.path("response").path("status").asInt();
                if (status >= 400) {
                    failed.putIfAbsent(id, new FailedRequest(p.path("response").path("url").asText(),
                            "HTTP " + status));
                }
            }
            case "Network.loadingFailed" -> {
                String url = urls.getOrDefault(id, "");
                String blocked = p.path("blockedReason").asText("");
                String error = p.path("errorText").asText("");
                // A request the page itself dropped (navigation away, a replaced image) is not a failure.
                if (!url.isEmpty() && (!blocked.isEmpty() || !p.path("canceled").asBoolean(false))
                        && !failed.containsKey(id)) {
                    failed.put(id, new FailedRequest(url, blocked.isEmpty() ? error : "blocked: " + blocked));
                }
            }
            default -> {
            }
        }
    }
}
