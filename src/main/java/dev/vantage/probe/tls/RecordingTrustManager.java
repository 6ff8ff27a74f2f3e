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
 * A client trust manager that judges the server chain (PKIX path against the JDK store and the CA file, then, when
 * given one, the host name of the URL) but never aborts the handshake: it records the chain and the verdict so an
 * untrusted site can still be read and graded. One instance per connection, so a verdict always belongs to one
 * handshake (the PKIX part of a verdict is shared for ten minutes with identical chains: {@link ChainVerdicts}).
 * The HTTP probers judge the host name here; the TLS inspector uses {@link #chainOnly} and records the
 * host name match as a fact of its own.
 *
 * <p>The host name is checked here rather than through the engine's endpoint identification because the JDK,
 * when the SNI name does not match, retries with the engine's peer host, which is the IP address connected to:
 * a certificate with that IP in its SANs would then hide a wrong name.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;
    private final Optional<String> host;
    private volatile List<X509Certificate> chain = List.of();
    private volatile CertificateTrust verdict;
    /** Verdicts of chains judged recently: a pulse seeing last minute's chain skips the signature checks. */
    private final ChainVerdicts verdicts;

    /** @param host the host of the URL (name or IP literal) the certificate must name */
    public RecordingTrustManager(TrustStores stores, String host) {
        this(stores, Optional.of(host));
    }

    private RecordingTrustManager(TrustStores stores, Optional<String> host) {
        this(stores, host, ChainVerdicts.SHARED);
    }

    RecordingTrustManager(TrustStores stores, Optional<String> host, ChainVerdicts verdicts) {
        this.delegates = stores.managers();
        this.host = host;
        this.verdicts = verdicts;
    }

    /** A manager that judges the chain alone, for a caller that checks the host name separately. */
    public static RecordingTrustManager chainOnly(TrustStores stores) {
        return new RecordingTrustManager(stores, Optional.empty());
    }

    /** The verdict of the handshake, absent when no certificate was judged (e.g. a resumed session). */
    public Optional<CertificateTrust> verdict() {
        return Optional.ofNullable(verdict);
    }

    /** The chain as served, leaf first; empty until a chain was judged. */
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        this.chain = chain == null ? List.of() : List.of(chain);
        if (chain == null || chain.length == 0) {
            verdict = CertificateTrust.rejected("the server sent no certificate");
            return;
        }
        String problem = verdicts.verdict(delegates, authType, chain,
                () -> judge(d -> d.checkServerTrusted(chain, authType)));
        verdict = problem != null ? CertificateTrust.rejected(problem)
                : host.flatMap(h -> HostnameMatcher.mismatch(chain[0], h)).map(m -> CertificateTrust.rejected(
                        "hostname mismatch (" + m + ")")).orElse(CertificateTrust.TRUSTED);
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

    /** The chain's PKIX verdict over every store: null when one trusts it, else the most telling reason. */
    private String judge(Check check) {
        String best = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.run(delegate);
                return null;
            } catch (CertificateException | RuntimeException e) {
                String reason = reason(e);
                // A store that does not know the issuer says less than one that knows it and found another fault.
                if (best == null || best.startsWith(UNKNOWN_ISSUER)) {
                    best = reason;
                }
            }
        }
        return best == null ? "no trust store configured" : best;
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
