package dev.vantage.probe.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one TLS inspection found about a server: protocols and suites from hand-built hellos, the certificate
 * from a JDK handshake, and the extras readable from those handshakes. Immutable evidence; checks and the rating
 * read it without I/O.
 *
 * @param observedAt          when the inspection ran (checks compute certificate days-left from it, not a clock)
 * @param protocols           one entry per protocol probed, oldest first
 * @param compression         the server accepted DEFLATE (CRIME); empty when no TLS <= 1.2 protocol to test
 * @param secureRenegotiation renegotiation_info answered (RFC 5746); empty when only TLS 1.3 (no renegotiation)
 * @param fallbackScsv        TLS_FALLBACK_SCSV refused a downgraded hello; empty when fewer than two protocols
 * @param statusRequest       the server acknowledged status_request (OCSP stapling) in a TLS 1.2 ServerHello
 * @param alpnHttp11          the server chose http/1.1 when offered alone (raw TLS <= 1.2 hello, or the JDK
 *                            handshake when it chose http/1.1); empty when not testable
 * @param errors              what went wrong (unreachable, deadline, failed handshakes), empty when all went well
 */
public record TlsInspection(String host, int port, Instant observedAt, List<ProtocolSupport> protocols,
                            CertificateFacts certificate, Optional<Boolean> compression,
                            Optional<Boolean> secureRenegotiation, Optional<Boolean> fallbackScsv,
                            Optional<Boolean> statusRequest, Optional<Boolean> alpnHttp11, Duration took, List<String> errors) {

    public TlsInspection {
        protocols = List.copyOf(protocols);
        errors = List.copyOf(errors);
    }

    public List<TlsProtocol> acceptedProtocols() {
        return protocols.stream().filter(ProtocolSupport::accepted).map(ProtocolSupport::protocol).toList();
    }

    public boolean accepts(TlsProtocol p) {
        return acceptedProtocols().contains(p);
    }

    public Optional<ProtocolSupport> protocol(TlsProtocol p) {
        return protocols.stream().filter(s -> s.protocol() == p).findFirst();
    }

    /** Every accepted suite across protocols (a suite accepted by two protocols appears twice). */
    public List<AcceptedSuite> acceptedSuites() {
        List<AcceptedSuite> all = new ArrayList<>();
        protocols.stream().filter(ProtocolSupport::accepted).forEach(p -> all.addAll(p.suites()));
        return all;
    }

    /** True when the server answered any hello with TLS at all. */
    public boolean speaksTls() {
        return !acceptedProtocols().isEmpty();
    }

    /** Whether the ALPN negotiation of the JDK handshake chose HTTP/2. */
    public boolean alpnH2() {
        return certificate.alpn().filter("h2"::equals).isPresent();
    }
}
