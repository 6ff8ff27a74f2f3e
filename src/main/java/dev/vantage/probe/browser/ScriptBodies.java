package dev.vantage.probe.browser;

import dev.vantage.probe.browser.BrowserEvidence.LoadedScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The bodies of the scripts the page loaded, fetched from the browser with DevTools {@code Network.getResponseBody}
 * during the load (the browser keeps them until the driver quits), for the front-end secrets scan. Bounded whatever
 * the page loads: at most {@link #MAX_SCRIPTS} scripts, {@link #MAX_CHARS} characters each, {@link #MAX_TOTAL_CHARS}
 * in all. A body the browser cannot give (evicted, streamed, a failed request) is skipped; the audit goes on.
 */
final class ScriptBodies {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptBodies.class);
    static final int MAX_SCRIPTS = 20;
    /** 512 Ki characters kept per script (512 KiB of ASCII, which minified bundles are). */
    static final int MAX_CHARS = 512 * 1024;
    /** 2 Mi characters kept per audit. */
    static final int MAX_TOTAL_CHARS = 2 * 1024 * 1024;
    /**
     * DevTools answers a body whole, so a script that came over the wire bigger than this is not asked for at all:
     * cutting it after the call would not spare the service the memory of a hostile 100 MB bundle.
     */
    static final long MAX_FETCHED_BYTES = 4L * 1024 * 1024;

    private ScriptBodies() {
    }

    /**
     * @param getBody the DevTools call for one request id, answering {@code {body, base64Encoded}}
     */
    static List<LoadedScript> fetch(List<NetworkLog.ScriptResponse> scripts,
                                    Function<String, Map<String, Object>> getBody) {
        List<LoadedScript> out = new ArrayList<>();
        long left = MAX_TOTAL_CHARS;
        for (NetworkLog.ScriptResponse script : scripts) {
            if (out.size() == MAX_SCRIPTS || left == 0) {
                break;
            }
            if (script.receivedBytes() > MAX_FETCHED_BYTES) {
                LOG.debug("script {} not fetched: {} bytes over the wire", script.url(), script.receivedBytes());
                continue;
            }
            String body;
            try {
                body = text(getBody.apply(script.requestId()));
            } catch (RuntimeException e) {
                LOG.debug("no body for script {}: {}", script.url(), e.toString());
                continue;
            }
            int kept = (int) Math.min(Math.min(body.length(), MAX_CHARS), left);
            out.add(new LoadedScript(script.url(), body.substring(0, kept), body.length()));
            left -= kept;
        }
        return out;
    }

    private static String text(Map<String, Object> answer) {
        Object body = answer == null ? null : answer.get("body");
        if (!(body instanceof String s)) {
            throw new IllegalStateException("the browser answered no body");
        }
        return Boolean.TRUE.equals(answer.get("base64Encoded"))
                ? new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8) : s;
    }
}
