package dev.vantage.probe.http;

import dev.vantage.probe.ProbeOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the HTTP/1.1 request a probe sends. Defaults first ({@code Host}, {@code User-Agent},
 * {@code Accept: *}{@code /*}, {@code Accept-Encoding: gzip}, {@code Connection: close}); then the configured
 * extra headers and the spec's headers, each replacing a same-named header already in the list, in place.
 */
final class HttpRequestWriter {

    private HttpRequestWriter() {
    }

    /** The headers sent for {@code spec}, in order. */
    static List<Header> headers(HttpRequestSpec spec, ProbeOptions options) {
        List<Header> out = new ArrayList<>();
        out.add(new Header("Host", hostHeader(spec.url())));
        out.add(new Header("User-Agent", options.userAgent()));
        out.add(new Header("Accept", "*/*"));
        out.add(new Header("Accept-Encoding", "gzip"));
        out.add(new Header("Connection", "close"));
        options.extraHeaders().all().forEach(h -> override(out, h));
        spec.headers().all().forEach(h -> override(out, h));
        return out;
    }

    /**
     * The request head as bytes on the wire.
     *
     * @throws IllegalArgumentException when a header would break the request framing (CR or LF in it)
     */
    static String render(HttpRequestSpec spec, ProbeOptions options) {
        StringBuilder head = new StringBuilder();
        head.append(spec.method()).append(' ').append(target(spec.url())).append(" HTTP/1.1\r\n");
        for (Header header : headers(spec, options)) {
            if (hasLineBreak(header.name()) || hasLineBreak(header.value())) {
                throw new IllegalArgumentException("request header " + header.name()
                        + " contains a line break; refusing to send it");
            }
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Origin-form request target: raw path (or {@code /}) and raw query. */
    static String target(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    static String hostHeader(URI url) {
        int port = url.getPort();
        boolean defaultPort = port == -1 || port == defaultPort(url.getScheme());
        return defaultPort ? url.getHost() : url.getHost() + ":" + port;
    }

    static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static void override(List<Header> headers, Header replacement) {
        int at = -1;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equalsIgnoreCase(replacement.name())) {
                headers.remove(i);
                at = i;
            }
        }
        if (at >= 0) {
            headers.add(at, replacement);
        } else {
            headers.add(replacement);
        }
    }

    private static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }
}
