package dev.vantage.check.tls;

import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.tls.CertificateFacts;
import dev.vantage.probe.tls.CertificateSummary;
import dev.vantage.probe.tls.HostnameMatcher;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsSessionEvidence;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The certificate facts a pulse has without any TLS enumeration: the chain, trust verdict and negotiated session of
 * the final page's own handshake, seen as an inspection with no protocol results. Only the certificate checks
 * that need nothing more (trust, validity, host name) read it.
 */
final class PageHandshake {

    private PageHandshake() {
    }

    static Optional<TlsInspection> asInspection(SiteEvidence evidence) {
        HttpExchange page = evidence.finalPage();
        if (!page.isHttps() || page.tls().isEmpty() || page.tls().get().chain().isEmpty()) {
            return Optional.empty();
        }
        TlsSessionEvidence session = page.tls().get();
        String host = page.request().url().getHost();
        List<CertificateSummary> chain = session.chain();
        CertificateSummary leaf = chain.get(0);
        boolean selfSigned = leaf.subject().equals(leaf.issuer());
        boolean inOrder = true;
        for (int i = 0; i + 1 < chain.size(); i++) {
            inOrder &= chain.get(i).issuer().equals(chain.get(i + 1).subject());
        }
        CertificateFacts facts = new CertificateFacts(host, chain, session.trust(),
                HostnameMatcher.mismatch(leaf.subjectAltNames(), host).isEmpty(), selfSigned, inOrder,
                session.trust().trusted(), false, Optional.of(session.protocol()),
                Optional.of(session.cipherSuite()), session.alpnProtocol(), Optional.empty());
        int port = page.request().url().getPort() == -1 ? 443 : page.request().url().getPort();
        return Optional.of(new TlsInspection(host, port, evidence.startedAt(), List.of(), facts, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ZERO, List.of()));
    }
}
