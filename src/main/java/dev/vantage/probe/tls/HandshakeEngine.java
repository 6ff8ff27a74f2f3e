package dev.vantage.probe.tls;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The TLS engine of the HTTP probes' handshakes (the pulse and the audit's HTTP exchanges). BoringSSL, through
 * netty-tcnative, does the handshake's elliptic-curve math natively, where the JDK 17 engine does P-256 and x25519
 * in pure Java (half of a pulse's CPU, docs/scale.md). Both engines report the same evidence: the trust verdict
 * comes from {@link RecordingTrustManager} either way, and the negotiated protocol, suite, ALPN and chain from the
 * session. The TLS enumeration keeps the JDK engine (its results are compared against sslscan).
 */
public enum HandshakeEngine {
    /** BoringSSL through netty-tcnative: used when its native library loads on this platform. */
    BORINGSSL,
    /** The JDK's own engine: the fallback, and what {@code -Dvantage.tls.engine=jdk} asks for. */
    JDK;

    /** The system property that forces an engine ({@code jdk} or {@code boringssl}); unset means the best one. */
    public static final String PROPERTY = "vantage.tls.engine";

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeEngine.class);
    private static final HandshakeEngine PREFERRED = choose(System.getProperty(PROPERTY), nativeAvailable());

    /** The engine of this process: chosen once, and a fallback to the JDK logged once, with the reason. */
    public static HandshakeEngine preferred() {
        return PREFERRED;
    }

    /** Whether BoringSSL loaded here with ALPN (the pulse asks for {@code http/1.1} by ALPN). */
    public static boolean nativeAvailable() {
        return OpenSSLEngineOptions.isAvailable() && OpenSSLEngineOptions.isAlpnAvailable();
    }

    static HandshakeEngine choose(String forced, boolean nativeAvailable) {
        if (forced != null && forced.toLowerCase(Locale.ROOT).equals("jdk")) {
            LOG.info("TLS handshakes of the HTTP probes use the JDK engine ({}=jdk)", PROPERTY);
            return JDK;
        }
        if (nativeAvailable) {
            return BORINGSSL;
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        LOG.warn("BoringSSL (netty-tcnative) is not available on this platform ({}): TLS handshakes of the HTTP "
                + "probes use the JDK engine, which costs several times the CPU per handshake",
                cause == null ? "no ALPN support" : cause.toString());
        return JDK;
    }

    /** Vert.x options selecting this engine for a client's TLS upgrades. */
    public SSLEngineOptions options() {
        return this == BORINGSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
    }
}
