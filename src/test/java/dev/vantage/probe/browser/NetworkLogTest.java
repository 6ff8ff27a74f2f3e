package dev.vantage.probe.browser;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DevTools events of chromedriver's performance log, as Chromium writes them, to failed requests. */
class NetworkLogTest {

    static final String PAGE = "https://shop.example/";

    static String sent(String id, String url, String initiator) {
        return "{\"message\":{\"method\":\"Network.requestWillBeSent\",\"params\":{\"requestId\":\"" + id
                + "\",\"request\":{\"url\":\"" + url + "\"},\"initiator\":{\"type\":\"" + initiator + "\"}}}}";
    }

    static String answered(String id, String url, int status) {
        return "{\"message\":{\"method\":\"Network.responseReceived\",\"params\":{\"requestId\":\"" + id
                + "\",\"response\":{\"url\":\"" + url + "\",\"status\":" + status + "}}}}";
    }

    @Test
    void theFaviconTheBrowserAsksForOnItsOwnIsNotThePagesFailure() {
        List<BrowserEvidence.FailedRequest> failed = NetworkLog.failed(List.of(
                sent("1", PAGE, "other"), answered("1", PAGE, 200),
                sent("2", "https://shop.example/app.js", "parser"), answered("2", "https://shop.example/app.js", 404),
                sent("3", "https://shop.example/favicon.ico", "other"),
                answered("3", "https://shop.example/favicon.ico", 404)), PAGE);

        assertThat(failed).extracting(BrowserEvidence.FailedRequest::url).containsExactly("https://shop.example/app.js");
    }

    @Test
    void anIconThePageLinksIsThePagesOwn() {
        List<BrowserEvidence.FailedRequest> failed = NetworkLog.failed(List.of(
                sent("4", "https://shop.example/favicon.ico", "parser"),
                answered("4", "https://shop.example/favicon.ico", 404),
                sent("5", "https://shop.example/icons/favicon.ico", "other"),
                answered("5", "https://shop.example/icons/favicon.ico", 500)), PAGE);

        assertThat(failed).extracting(BrowserEvidence.FailedRequest::reason).containsExactly("HTTP 404", "HTTP 500");
    }
}
