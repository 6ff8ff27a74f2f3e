package dev.vantage.probe.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A client trust manager that judges the server chain like the JDK would (path and, through the engine's
 * endpoint identification, hostname) but never aborts the handshake: it records the verdict so an untrusted site
 * can still be read and graded. One instance per connection, so a verdict always belongs to one handshake.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;
    private volatile CertificateTrust verdict;

    public RecordingTrustManager(TrustStores stores) {
        this.delegates = stores.managers();
    }

    /** The verdict of the handshake, absent when no certificate was judged (e.g. a resumed session). */
    public Optional<CertificateTrust> verdict() {
        return Optional.ofNullable(verdict);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        judge(d -> d.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        judge(d -> d.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        judge(d -> d.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a probe never acts as a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a probe never acts as a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a probe never acts as a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegates.stream().flatMap(d -> Stream.of(d.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }

    private interface Check {
        void run(X509ExtendedTrustManager delegate) throws CertificateException;
    }

    private void judge(Check check) {
        String best = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.run(delegate);
                verdict = CertificateTrust.TRUSTED;
                return;
            } catch (CertificateException | RuntimeException e) {
                String reason = reason(e);
                // A store that does not know the issuer says less than one that knows it and found another fault.
                if (best == null || best.startsWith(UNKNOWN_ISSUER)) {
                    best = reason;
                }
            }
        }
        verdict = CertificateTrust.rejected(best == null ? "no trust store configured" : best);
    }

    static final String UNKNOWN_ISSUER = "unknown issuer or self-signed";

    /** Turns the JDK's exception chain into one line naming the cause. */
    static String reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired (" + t.getMessage() + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid (" + t.getMessage() + ")";
            }
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "hostname mismatch (" + message + ")";
        }
        if (message.contains("unable to find valid certification path")
                || message.contains("No trusted certificate found")) {
            return UNKNOWN_ISSUER + " (" + message + ")";
        }
        return message;
    }
}
