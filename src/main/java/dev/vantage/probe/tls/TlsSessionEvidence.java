package dev.vantage.probe.tls;

import java.util.List;
import java.util.Optional;

/**
 * What one TLS handshake negotiated and what the server presented.
 *
 * @param protocol     e.g. {@code TLSv1.3}
 * @param cipherSuite  IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param alpnProtocol the protocol chosen by ALPN, when one was offered and chosen
 * @param chain        leaf first, as served
 */
public record TlsSessionEvidence(String protocol, String cipherSuite, Optional<String> alpnProtocol,
                                 List<CertificateSummary> chain, CertificateTrust trust) {

    public TlsSessionEvidence {
        chain = List.copyOf(chain);
    }

    public Optional<CertificateSummary> leaf() {
        return chain.stream().findFirst();
    }
}
