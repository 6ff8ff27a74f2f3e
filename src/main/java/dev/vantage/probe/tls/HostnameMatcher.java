package dev.vantage.probe.tls;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a leaf certificate names the host a URL asked for, as browsers decide it (RFC 6125 / RFC 9110):
 * DNS subject alternative names only (no fallback to the common name), a wildcard only as the whole leftmost
 * label and matching exactly one label; IP literals match IP address SANs.
 */
public final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /** Why the certificate does not fit {@code host}, or empty when it does. */
    public static Optional<String> mismatch(X509Certificate leaf, String host) {
        return mismatch(CertificateSummaries.subjectAltNames(leaf), host);
    }

    /** The same decision from the subject alternative names recorded in a {@link CertificateSummary}. */
    public static Optional<String> mismatch(List<String> names, String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(bare);
        boolean matched = ip != null
                ? names.stream().map(NetUtil::createInetAddressFromIpAddressString).anyMatch(ip::equals)
                : names.stream().filter(n -> NetUtil.createInetAddressFromIpAddressString(n) == null)
                        .anyMatch(n -> matches(n, bare));
        if (matched) {
            return Optional.empty();
        }
        return Optional.of("certificate names " + (names.isEmpty() ? "no subject alternative name" : names)
                + ", not " + bare);
    }

    static boolean matches(String pattern, String host) {
        String p = stripDot(pattern.toLowerCase(Locale.ROOT));
        String h = stripDot(host.toLowerCase(Locale.ROOT));
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        String suffix = p.substring(1); // ".example.com"
        int firstDot = h.indexOf('.');
        // A wildcard stands for one whole label, and never for a public suffix-only name like "*.com".
        return firstDot > 0 && h.substring(firstDot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
