package dev.vantage.probe.tls;

import java.util.List;
import java.util.Optional;

/**
 * What one real (JDK) handshake showed about the certificate and the negotiated session.
 *
 * @param chain           as served, leaf first
 * @param trust           trust verdict against the JDK store plus the CA file (hostname not included)
 * @param hostnameMatches the leaf's SAN covers the name Vantage asked for
 * @param selfSigned      the leaf is its own issuer
 * @param chainInOrder    each certificate is issued by the next one
 * @param chainComplete   the last served certificate is a root or is issued by a known trust anchor
 * @param ocspStapled     the server stapled an OCSP response
 * @param alpn            the protocol chosen when offering {@code h2, http/1.1}
 * @param error           why the handshake failed, when it did (then most facts are empty)
 */
public record CertificateFacts(String hostname, List<CertificateSummary> chain, CertificateTrust trust,
                               boolean hostnameMatches, boolean selfSigned, boolean chainInOrder,
                               boolean chainComplete, boolean ocspStapled, Optional<String> protocol,
                               Optional<String> cipherSuite, Optional<String> alpn, Optional<String> error) {

    public CertificateFacts {
        chain = List.copyOf(chain);
    }

    public static CertificateFacts failed(String hostname, String error) {
        return new CertificateFacts(hostname, List.of(), CertificateTrust.rejected(error), false, false, false, false,
                false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(error));
    }

    public Optional<CertificateSummary> leaf() {
        return chain.stream().findFirst();
    }

    public boolean available() {
        return !chain.isEmpty();
    }
}
