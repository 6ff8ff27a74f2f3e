package dev.vantage.probe.tls;

import java.time.Instant;
import java.util.List;

/**
 * The facts of one X.509 certificate that checks and reports need, copied out of the certificate so the
 * evidence stays a plain immutable value.
 *
 * @param keyAlgorithm {@code RSA}, {@code EC}, {@code Ed25519}...
 * @param keyBits      modulus size for RSA, field size for EC, 253/456 for Ed25519/Ed448, 0 when unknown
 */
public record CertificateSummary(String subject, String issuer, List<String> subjectAltNames, Instant notBefore,
                                 Instant notAfter, String keyAlgorithm, int keyBits, String signatureAlgorithm,
                                 String sha256Fingerprint) {

    public CertificateSummary {
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
