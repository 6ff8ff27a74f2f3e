package dev.vantage.probe.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recorded-style TlsInspection values for pure tests of checks and the rating. */
public final class TlsInspectionFixtures {

    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final Optional<KeyExchangeStrength> X25519 = Optional.of(KeyExchangeStrength.ofGroup(0x001D));

    private TlsInspectionFixtures() {
    }

    public static CertificateSummary leaf(int bits, String sig, Instant notAfter) {
        return new CertificateSummary("CN=localhost", "CN=CA", List.of("localhost"), NOW.minus(Duration.ofDays(10)),
                notAfter, "RSA", bits, sig, "00");
    }

    public static CertificateFacts cert(CertificateSummary leaf, CertificateTrust trust, boolean hostOk,
                                        boolean selfSigned, boolean complete) {
        return new CertificateFacts(hostOk ? "localhost" : "other.example", List.of(leaf), trust, hostOk, selfSigned,
                true, complete, false, Optional.of("TLSv1.3"), Optional.of("TLS_AES_128_GCM_SHA256"),
                Optional.of("h2"), Optional.empty());
    }

    public static CertificateFacts goodCert() {
        return cert(leaf(2048, "SHA256withRSA", NOW.plus(Duration.ofDays(80))), CertificateTrust.TRUSTED, true, false,
                true);
    }

    /** Suites by protocol; ECDHE/TLS 1.3 suites get an x25519 key exchange. */
    public static TlsInspection inspection(Map<TlsProtocol, List<Integer>> suites, CertificateFacts cert) {
        List<ProtocolSupport> ps = new ArrayList<>();
        for (TlsProtocol p : TlsProtocol.values()) {
            List<AcceptedSuite> s = suites.getOrDefault(p, List.of()).stream().map(c -> AcceptedSuite.of(c,
                    CipherSuites.describe(c).forwardSecrecy() ? X25519 : Optional.empty())).toList();
            ps.add(new ProtocolSupport(p, !s.isEmpty(), s, Optional.empty(), Optional.empty()));
        }
        return new TlsInspection("localhost", 443, NOW, ps, cert, Optional.of(false), Optional.of(true),
                Optional.of(true), Optional.of(false), Optional.of(true), Duration.ofMillis(100), List.of());
    }

    public static TlsInspection modern() {
        return inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F, 0xC030), TlsProtocol.TLS_1_3,
                List.of(0x1301, 0x1302)), goodCert());
    }
}
