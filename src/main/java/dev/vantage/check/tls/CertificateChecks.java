package dev.vantage.check.tls;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.tls.CertificateFacts;
import dev.vantage.probe.tls.CertificateSummary;
import dev.vantage.probe.tls.TlsInspection;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Certificate checks: trust, expiry, hostname, key size, signature, chain. */
public final class CertificateChecks {

    private CertificateChecks() {
    }

    public static List<TlsCheck> all(int expiryWarnDays) {
        return List.of(trust(), expiry(expiryWarnDays), hostname(), keySize(), signature(), chain());
    }

    private static TlsCheck cert(String id, String title, Set<String> results, java.util.function.BiFunction<TlsCheck,
            TlsInspection, Finding> rule) {
        java.util.Set<String> all = new java.util.HashSet<>(results);
        all.addAll(Set.of("no-tls", "no-certificate", "error"));
        return new TlsCheck(id, title, all, (c, in) -> in.certificate().available() ? rule.apply(c, in)
                : c.finding(Verdict.ERROR, "no-certificate", in.certificate().error().orElse("no certificate read"),
                "Make sure the server completes a TLS 1.2 or 1.3 handshake with a modern client."));
    }

    static TlsCheck trust() {
        return cert("tls.certificate-trust", "Certificate trusted", Set.of("trusted", "self-signed", "untrusted"),
                (c, in) -> {
                    CertificateFacts f = in.certificate();
                    if (f.trust().trusted()) {
                        return c.finding(Verdict.PASS, "trusted", "chain validates to " + last(f).issuer(), "");
                    }
                    if (f.selfSigned()) {
                        return c.finding(Verdict.FAIL, "self-signed", "self-signed: " + f.leaf().orElseThrow().subject(),
                                "Use a certificate from a publicly trusted CA (for example Let's Encrypt).");
                    }
                    return c.finding(Verdict.FAIL, "untrusted", f.trust().problem().orElse("untrusted"),
                            "Serve the full chain up to a publicly trusted root.");
                });
    }

    static TlsCheck expiry(int warnDays) {
        return cert("tls.certificate-expiry", "Certificate validity",
                Set.of("valid", "expires-soon", "expired", "not-yet-valid"), (c, in) -> {
                    CertificateSummary leaf = in.certificate().leaf().orElseThrow();
                    long days = Duration.between(in.observedAt(), leaf.notAfter()).toDays();
                    if (in.observedAt().isAfter(leaf.notAfter())) {
                        return c.finding(Verdict.FAIL, "expired", "expired on " + leaf.notAfter(),
                                "Renew the certificate now and automate renewal.");
                    }
                    if (in.observedAt().isBefore(leaf.notBefore())) {
                        return c.finding(Verdict.FAIL, "not-yet-valid", "not valid before " + leaf.notBefore(),
                                "Check the server clock and the certificate's notBefore date.");
                    }
                    if (days < warnDays) {
                        return c.finding(Verdict.WARN, "expires-soon", "expires in " + days + " days on "
                                + leaf.notAfter(), "Renew the certificate (automated renewal avoids outages).");
                    }
                    return c.finding(Verdict.PASS, "valid", days + " days left (until " + leaf.notAfter() + ")", "");
                });
    }

    static TlsCheck hostname() {
        return cert("tls.certificate-hostname", "Certificate matches host name", Set.of("match", "mismatch"),
                (c, in) -> in.certificate().hostnameMatches()
                        ? c.finding(Verdict.PASS, "match", in.certificate().hostname() + " is covered by the SAN", "")
                        : c.finding(Verdict.FAIL, "mismatch", in.certificate().hostname() + " is not in "
                        + in.certificate().leaf().orElseThrow().subjectAltNames(),
                        "Issue the certificate for every host name that serves it (subjectAltName)."));
    }

    static TlsCheck keySize() {
        return cert("tls.certificate-key", "Certificate key size", Set.of("strong", "weak"), (c, in) -> {
            CertificateSummary leaf = in.certificate().leaf().orElseThrow();
            boolean ec = leaf.keyAlgorithm().startsWith("EC") || leaf.keyAlgorithm().startsWith("Ed");
            boolean strong = ec ? leaf.keyBits() >= 224 : leaf.keyBits() >= 2048;
            String seen = leaf.keyAlgorithm() + " " + leaf.keyBits() + " bits";
            return strong ? c.finding(Verdict.PASS, "strong", seen, "")
                    : c.finding(Verdict.FAIL, "weak", seen, "Use RSA 2048+ or ECDSA P-256.");
        });
    }

    static TlsCheck signature() {
        return cert("tls.certificate-signature", "Certificate signature", Set.of("sha2", "sha1", "md5"), (c, in) -> {
            String alg = in.certificate().leaf().orElseThrow().signatureAlgorithm();
            String u = alg.toUpperCase(Locale.ROOT);
            if (u.contains("MD5")) {
                return c.finding(Verdict.FAIL, "md5", alg, "Reissue the certificate with a SHA-256 signature.");
            }
            if (u.startsWith("SHA1")) {
                return c.finding(Verdict.FAIL, "sha1", alg, "Reissue the certificate with a SHA-256 signature.");
            }
            return c.finding(Verdict.PASS, "sha2", alg, "");
        });
    }

    static TlsCheck chain() {
        return cert("tls.certificate-chain", "Certificate chain", Set.of("complete", "incomplete", "misordered"),
                (c, in) -> {
                    CertificateFacts f = in.certificate();
                    String seen = f.chain().size() + " certificate(s) served";
                    if (!f.chainInOrder()) {
                        return c.finding(Verdict.WARN, "misordered", seen + ", not each issued by the next",
                                "Serve the leaf first, then each issuer in order.");
                    }
                    if (!f.chainComplete() && !f.selfSigned()) {
                        return c.finding(Verdict.FAIL, "incomplete", seen + "; issuer of " + last(f).subject()
                                + " not sent", "Serve the intermediate certificates with the leaf (fullchain.pem).");
                    }
                    return c.finding(Verdict.PASS, "complete", seen, "");
                });
    }

    private static CertificateSummary last(CertificateFacts f) {
        return f.chain().get(f.chain().size() - 1);
    }
}
