package dev.vantage.check.tls;

import dev.vantage.check.Verdict;
import dev.vantage.probe.tls.AcceptedSuite;
import dev.vantage.probe.tls.CipherSuite;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsProtocol;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Protocol and cipher checks: versions, weak suites, forward secrecy, AEAD, compression, renegotiation. */
public final class ProtocolChecks {

    private ProtocolChecks() {
    }

    public static List<TlsCheck> all() {
        return List.of(protocols(), ciphers(), forwardSecrecy(), aead(), compression(), renegotiation());
    }

    static TlsCheck protocols() {
        return new TlsCheck("tls.protocols", "TLS protocol versions",
                Set.of("modern", "no-tls13", "legacy-enabled", "ssl-enabled", "no-tls"), (c, in) -> {
            List<String> on = in.acceptedProtocols().stream().map(TlsProtocol::label).toList();
            if (on.isEmpty()) {
                return c.finding(Verdict.FAIL, "no-tls", "no protocol accepted: " + in.errors(),
                        "Enable TLS 1.2 and 1.3 on the server.");
            }
            if (in.accepts(TlsProtocol.SSL_2) || in.accepts(TlsProtocol.SSL_3)) {
                return c.finding(Verdict.FAIL, "ssl-enabled", "accepted: " + on, "Disable SSLv2 and SSLv3.");
            }
            if (in.accepts(TlsProtocol.TLS_1_0) || in.accepts(TlsProtocol.TLS_1_1)) {
                return c.finding(Verdict.FAIL, "legacy-enabled", "accepted: " + on,
                        "Disable TLS 1.0 and 1.1 (ssl_protocols TLSv1.2 TLSv1.3).");
            }
            if (!in.accepts(TlsProtocol.TLS_1_3)) {
                return c.finding(Verdict.WARN, "no-tls13", "accepted: " + on, "Enable TLS 1.3.");
            }
            return c.finding(Verdict.PASS, "modern", "accepted: " + on, "");
        });
    }


    static TlsCheck ciphers() {
        return new TlsCheck("tls.ciphers", "Cipher suites",
                Set.of("strong", "insecure", "weak", "no-tls"), (c, in) -> {
            List<String> insecure = names(in, s -> s.nullCipher() || s.export() || s.anonymous()
                    || s.weakerThan112Bits());
            if (!insecure.isEmpty()) {
                return c.finding(Verdict.FAIL, "insecure", "NULL/EXPORT/anonymous/DES suites: " + insecure,
                        "Remove these suites from the server's cipher list.");
            }
            List<String> weak = names(in, s -> s.rc4() || s.tripleDes());
            if (!weak.isEmpty()) {
                return c.finding(Verdict.FAIL, "weak", "RC4/3DES suites: " + weak, "Remove RC4 and 3DES suites.");
            }
            return c.finding(Verdict.PASS, "strong", in.acceptedSuites().size() + " suites, none weak", "");
        });
    }

    static TlsCheck forwardSecrecy() {
        return new TlsCheck("tls.forward-secrecy", "Forward secrecy",
                Set.of("all", "partial", "none", "no-tls"), (c, in) -> {
            List<String> without = names(in, s -> !s.forwardSecrecy());
            if (without.isEmpty()) {
                return c.finding(Verdict.PASS, "all", "every accepted suite is forward secret", "");
            }
            boolean any = in.acceptedSuites().stream().anyMatch(s -> s.suite().forwardSecrecy());
            return any ? c.finding(Verdict.WARN, "partial", "suites without forward secrecy: " + without,
                    "Offer only ECDHE/DHE (and TLS 1.3) suites.")
                    : c.finding(Verdict.FAIL, "none", "no forward-secret suite accepted",
                    "Enable ECDHE suites.");
        });
    }

    static TlsCheck aead() {
        return new TlsCheck("tls.aead", "Authenticated encryption (AEAD)",
                Set.of("all", "partial", "none", "no-tls"), (c, in) -> {
            List<String> cbc = names(in, s -> !s.aead());
            if (cbc.isEmpty()) {
                return c.finding(Verdict.PASS, "all", "every accepted suite is AEAD", "");
            }
            boolean any = in.acceptedSuites().stream().anyMatch(s -> s.suite().aead());
            return any ? c.finding(Verdict.INFO, "partial", "non-AEAD suites also accepted: " + cbc.size(),
                    "Prefer GCM/CHACHA20 suites; drop CBC ones when clients allow.")
                    : c.finding(Verdict.FAIL, "none", "no AEAD suite accepted", "Enable AES-GCM or CHACHA20 suites.");
        });
    }

    static TlsCheck compression() {
        return new TlsCheck("tls.compression", "TLS compression (CRIME)",
                Set.of("off", "on", "not-tested", "no-tls"), (c, in) -> in.compression().map(on -> on
                        ? c.finding(Verdict.FAIL, "on", "server accepted DEFLATE compression",
                        "Disable TLS compression.")
                        : c.finding(Verdict.PASS, "off", "no TLS compression", ""))
                        .orElse(c.finding(Verdict.NOT_APPLICABLE, "not-tested", "only TLS 1.3 (no compression)", "")));
    }

    static TlsCheck renegotiation() {
        return new TlsCheck("tls.renegotiation", "Secure renegotiation",
                Set.of("secure", "insecure", "not-applicable", "no-tls"), (c, in) -> in.secureRenegotiation().map(ok -> ok
                        ? c.finding(Verdict.PASS, "secure", "renegotiation_info answered (RFC 5746)", "")
                        : c.finding(Verdict.FAIL, "insecure", "no renegotiation_info in the ServerHello",
                        "Update the TLS library: it lacks RFC 5746 secure renegotiation."))
                        .orElse(c.finding(Verdict.NOT_APPLICABLE, "not-applicable", "TLS 1.3 has no renegotiation", "")));
    }

    private static List<String> names(TlsInspection in, Predicate<CipherSuite> p) {
        return in.acceptedSuites().stream().map(AcceptedSuite::suite).filter(p).map(CipherSuite::ianaName)
                .distinct().toList();
    }
}
