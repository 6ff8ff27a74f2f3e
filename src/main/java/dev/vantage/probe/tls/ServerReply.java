package dev.vantage.probe.tls;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What came back for one hand-built ClientHello, as {@link ServerHelloParser} read it. */
public sealed interface ServerReply {

    /** No answer at all: refused, reset, closed silently or timed out. */
    record Failed(dev.vantage.probe.ProbeFailure failure) implements ServerReply {
    }

    /** Not enough bytes yet to decide. */
    record Incomplete() implements ServerReply {
    }

    /** The server refused with a TLS alert (e.g. 40 handshake_failure, 70 protocol_version, 86 inappropriate_fallback). */
    record Alert(int level, int description) implements ServerReply {

        public String describe() {
            return (level == 2 ? "fatal" : "warning") + " alert " + description + " (" + AlertNames.name(description) + ")";
        }
    }

    /** The bytes are not TLS (an HTTP server, garbage, or an empty/short answer). */
    record NotTls(String reason) implements ServerReply {
    }

    /** An SSLv2 ServerHello: the server speaks SSLv2 and lists the cipher specs it shares with us. */
    record Sslv2Hello(List<Integer> cipherSpecs) implements ServerReply {

        public Sslv2Hello {
            cipherSpecs = List.copyOf(cipherSpecs);
        }
    }

    /**
     * A ServerHello (or HelloRetryRequest) and what followed in the same flight.
     *
     * @param version             negotiated version: supported_versions when present, else legacy version
     * @param keyShareGroup       TLS 1.3 key_share group (the group the server asked for, for a HelloRetryRequest)
     * @param kxGroup             named group from a TLS <= 1.2 ECDHE ServerKeyExchange
     * @param dhPrimeBits         DH prime size from a DHE ServerKeyExchange
     * @param flightComplete      ServerHelloDone seen (TLS <= 1.2), or the ServerHello is all there is to read (1.3/HRR)
     * @param certificates        DER certificates of a TLS <= 1.2 Certificate message, leaf first (read-only use)
     */
    record Hello(int version, int cipherSuite, int compression, boolean helloRetryRequest,
                 boolean secureRenegotiation, boolean statusRequest, Optional<String> alpn,
                 OptionalInt keyShareGroup, OptionalInt kxGroup, OptionalInt dhPrimeBits, List<Integer> extensions,
                 boolean flightComplete, List<byte[]> certificates) implements ServerReply {

        public Hello {
            extensions = List.copyOf(extensions);
            certificates = List.copyOf(certificates);
        }

        public Optional<TlsProtocol> protocol() {
            return TlsProtocol.ofWire(version);
        }

        Hello withKeyExchange(OptionalInt group, OptionalInt dhBits, boolean complete) {
            return new Hello(version, cipherSuite, compression, helloRetryRequest, secureRenegotiation,
                    statusRequest, alpn, keyShareGroup, group, dhBits, extensions, complete, certificates);
        }

        Hello withCertificates(List<byte[]> ders) {
            return new Hello(version, cipherSuite, compression, helloRetryRequest, secureRenegotiation,
                    statusRequest, alpn, keyShareGroup, kxGroup, dhPrimeBits, extensions, flightComplete, ders);
        }
    }

    /** Alert description names (RFC 8446 section 6 and older). */
    final class AlertNames {
        private AlertNames() {
        }

        static String name(int d) {
            return switch (d) {
                case 0 -> "close_notify";
                case 10 -> "unexpected_message";
                case 20 -> "bad_record_mac";
                case 22 -> "record_overflow";
                case 40 -> "handshake_failure";
                case 42 -> "bad_certificate";
                case 47 -> "illegal_parameter";
                case 50 -> "decode_error";
                case 70 -> "protocol_version";
                case 71 -> "insufficient_security";
                case 80 -> "internal_error";
                case 86 -> "inappropriate_fallback";
                case 90 -> "user_canceled";
                case 109 -> "missing_extension";
                case 110 -> "unsupported_extension";
                case 112 -> "unrecognized_name";
                case 120 -> "no_application_protocol";
                default -> "unknown";
            };
        }
    }
}
