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
    /** Requests the browser makes of its own accord (the root favicon): not the page's, so never its failures. */
    private final java.util.Set<String> browsers = new java.util.HashSet<>();

    /** Script responses with a body (2xx), in the order received, for {@link ScriptBodies}. */
    private final List<ScriptResponse> scripts = new java.util.ArrayList<>();

    private NetworkLog() {
    }

    /** Bytes received per request ({@code Network.loadingFinished}), to skip bodies too big to ask for. */
    private final Map<String, Long> received = new HashMap<>();

    /**
     * A script the page received: its DevTools request id (for {@code Network.getResponseBody}), URL, and the bytes
     * that came over the wire ({@code -1} when the load did not finish in the log).
     */
    record ScriptResponse(String requestId, String url, long receivedBytes) {
    }

    /** The scripts the page loaded, parser-inserted or added at run time alike ({@code type: Script}). */
    static List<ScriptResponse> scripts(List<String> messages) {
        NetworkLog log = new NetworkLog();
        messages.forEach(log::read);
        return log.scripts.stream().map(s -> new ScriptResponse(s.requestId(), s.url(),
                log.received.getOrDefault(s.requestId(), -1L))).toList();
    }

    /** The failed requests in the log's messages, the page itself left out (its status is graded elsewhere). */
    static List<FailedRequest> failed(List<String> messages, String page) {
        NetworkLog log = new NetworkLog();
        messages.forEach(log::read);
        return log.failed.entrySet().stream().filter(e -> !log.browsers.contains(e.getKey()))
                .map(Map.Entry::getValue).filter(f -> !f.url().equals(page)).limit(MAX_FAILED).toList();
    }

    /**
     * Chromium asks every origin for {@code /favicon.ico} unless the page names an icon; the page never referenced
     * it, so its 404 is no broken part of the page (a page that links an icon gets the request initiated by it).
     */
    static boolean browserOwn(String url, String initiator) {
        try {
            return "other".equals(initiator) && "/favicon.ico".equals(java.net.URI.create(url).getRawPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
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
            case "Network.requestWillBeSent" -> {
                String url = p.path("request").path("url").asText();
                urls.put(id, url);
                if (browserOwn(url, p.path("initiator").path("type").asText())) {
                    browsers.add(id);
                }
            }
            case "Network.responseReceived" -> {
                int status = p.path("response").path("status").asInt();
                if ("Script".equals(p.path("type").asText()) && status >= 200 && status < 300) {
                    scripts.add(new ScriptResponse(id, p.path("response").path("url").asText(), -1));
                }
                if (status >= 400) {
                    failed.putIfAbsent(id, new FailedRequest(p.path("response").path("url").asText(),
                            "HTTP " + status));
                }
            }
            case "Network.loadingFinished" -> received.put(id, p.path("encodedDataLength").asLong(-1));
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
