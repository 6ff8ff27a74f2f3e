package dev.vantage.probe.http;

import java.net.URI;

/** What a prober is asked to send: method, absolute URL, and extra headers on top of the defaults. */
public record HttpRequestSpec(String method, URI url, Headers headers) {

    public static HttpRequestSpec get(URI url) {
        return new HttpRequestSpec("GET", url, Headers.EMPTY);
    }

    public HttpRequestSpec withUrl(URI other) {
        return new HttpRequestSpec(method, other, headers);
    }
}
