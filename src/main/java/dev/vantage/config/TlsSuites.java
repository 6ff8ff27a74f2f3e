package dev.vantage.config;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cipher suites the service's own HTTPS offers ({@code server.tls.cipher-suites}). The default is forward-secret
 * AEAD only: the TLS 1.3 suites and TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305, which is what Vantage's own
 * {@code tls.cipher-suites} check asks of the sites it grades (no static-RSA key exchange, no CBC).
 */
public final class TlsSuites {

    /** Protocols the service speaks; older ones are graded as failures by Vantage itself. */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    public static final List<String> DEFAULT = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsSuites() {
    }

    /** Why {@code suite} cannot be offered by this JVM, naming it; empty when it can. */
    static Optional<String> unsupported(String suite) {
        if (supported().contains(suite)) {
            return Optional.empty();
        }
        return Optional.of("\"" + suite + "\" is not a cipher suite this Java runtime supports (use IANA names such "
                + "as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256; the default is " + String.join(", ", DEFAULT) + ")");
    }

    private static Set<String> supported() {
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no default TLS context", e);
        }
    }
}
