package dev.vantage.pipeline;

import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.tls.CertificateSummary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a pulse can see of a deploy, hashed: the leaf certificate's fingerprint, the negotiated protocol and suite,
 * the {@code Server} and {@code X-Powered-By} banners, and which security headers are present. A pulse whose watch
 * differs from the previous pulse's triggers an audit (debounced, docs/probes.md). Pure.
 */
public final class ChangeWatch {

    /** Headers whose presence (not value) is watched: adding or dropping one is a change of security posture. */
    static final List<String> SECURITY_HEADERS = List.of("strict-transport-security", "content-security-policy",
            "content-security-policy-report-only", "x-content-type-options", "x-frame-options", "referrer-policy",
            "permissions-policy", "cross-origin-opener-policy", "cross-origin-resource-policy",
            "cross-origin-embedder-policy", "access-control-allow-origin");

    private ChangeWatch() {
    }

    /** The watched facts in readable form (logged when an audit is triggered, so people can see what changed). */
    public static String facts(SiteEvidence evidence) {
        HttpExchange page = evidence.finalPage();
        StringBuilder out = new StringBuilder();
        page.tls().ifPresent(t -> out.append("cert=").append(t.leaf().map(CertificateSummary::sha256Fingerprint)
                .orElse("-")).append(" tls=").append(t.protocol()).append('/').append(t.cipherSuite()).append(' '));
        Optional<HttpResponseEvidence> response = page.response();
        if (response.isEmpty()) {
            return out.append("unanswered").toString();
        }
        var headers = response.get().headers();
        out.append("server=").append(headers.first("Server").orElse("-"));
        out.append(" powered-by=").append(headers.first("X-Powered-By").orElse("-"));
        TreeSet<String> present = new TreeSet<>();
        for (String h : SECURITY_HEADERS) {
            if (headers.first(h).isPresent()) {
                present.add(h);
            }
        }
        out.append(" headers=").append(String.join(",", present));
        return out.toString();
    }

    /** A short hash of {@link #facts}; stable across versions as long as the facts are. */
    public static String of(SiteEvidence evidence) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(facts(evidence).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }
}
