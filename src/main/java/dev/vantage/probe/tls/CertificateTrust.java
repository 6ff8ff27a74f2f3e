package dev.vantage.probe.tls;

import java.util.Optional;

/**
 * What the trust check of a handshake concluded. Vantage records the verdict instead of aborting the
 * handshake, so an untrusted site still gets its headers graded and the certificate becomes a finding.
 *
 * @param problem why the chain was rejected (expired, untrusted issuer, hostname mismatch...), absent when trusted
 */
public record CertificateTrust(boolean trusted, Optional<String> problem) {

    public static final CertificateTrust TRUSTED = new CertificateTrust(true, Optional.empty());

    public static CertificateTrust rejected(String problem) {
        return new CertificateTrust(false, Optional.of(problem));
    }
}
