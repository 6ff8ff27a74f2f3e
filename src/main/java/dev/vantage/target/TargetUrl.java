package dev.vantage.target;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Parses and validates the URL of a target, with messages that say what is wrong and how to write it. */
public final class TargetUrl {

    private TargetUrl() {
    }

    /**
     * Returns the URL as an absolute http(s) URI with a host, a valid port and a path (at least {@code /}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static URI parse(String text) {
        String raw = text == null ? "" : text.trim();
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("the target URL is empty: give one like https://example.com/");
        }
        if (!raw.contains("://")) {
            throw new IllegalArgumentException("URL '" + raw + "' has no scheme: write https://" + raw);
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("URL '" + raw + "' is malformed: " + e.getReason()
                    + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("URL '" + raw + "' has unsupported scheme '" + uri.getScheme()
                    + "': only http and https can be probed");
        }
        if (uri.getHost() == null) {
            String authority = uri.getRawAuthority();
            if (authority != null && authority.matches(".*:[^\\]]*$") && !authority.endsWith(":")) {
                throw new IllegalArgumentException("URL '" + raw + "' has an invalid port: it must be a number "
                        + "from 1 to 65535");
            }
            throw new IllegalArgumentException("URL '" + raw + "' has no host name");
        }
        java.util.Optional<String> ambiguous = Ipv4Forms.ambiguity(uri.getHost());
        if (ambiguous.isPresent()) {
            throw new IllegalArgumentException("URL '" + raw + "' host " + ambiguous.get());
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URL '" + raw + "' contains user credentials: remove them "
                    + "(send them in an Authorization header instead)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("URL '" + raw + "' has port " + uri.getPort()
                    + ", out of range: it must be from 1 to 65535");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("URL '" + raw + "' is malformed: " + e.getReason());
        }
    }

    /** The port the URL points at, with the scheme's default filled in. */
    public static int effectivePort(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
