package dev.vantage.probe.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A trust manager that never aborts the handshake: it validates the served chain against the JDK trust store plus
 * an optional CA file and records the verdict, so an untrusted server still yields its certificate facts. Used only
 * for Vantage's own inspection connection; it does not change any JVM-wide setting.
 */
public final class HandshakeTrustRecorder extends X509ExtendedTrustManager {

    private final List<X509TrustManager> delegates;
    private volatile List<X509Certificate> chain = List.of();
    private volatile Optional<String> problem = Optional.of("the server presented no certificate");

    private HandshakeTrustRecorder(List<X509TrustManager> delegates) {
        this.delegates = delegates;
    }

    /** JDK default trust store plus the certificates in {@code caFile} (PEM) when given. */
    public static HandshakeTrustRecorder create(Optional<Path> caFile) throws Exception {
        List<X509TrustManager> tms = new ArrayList<>();
        tms.add(x509(null));
        if (caFile.isPresent()) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            try (InputStream in = Files.newInputStream(caFile.get())) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
            }
            if (i == 0) {
                throw new IllegalArgumentException("CA file " + caFile.get() + " holds no PEM certificate");
            }
            tms.add(x509(ks));
        }
        return new HandshakeTrustRecorder(List.copyOf(tms));
    }

    private static X509TrustManager x509(KeyStore ks) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager in " + tmf.getAlgorithm());
    }

    /** The chain as served, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Why the chain is not trusted; empty when a trust anchor validated it. */
    public Optional<String> problem() {
        return problem;
    }

    /** Every trust anchor known (JDK store and CA file), to tell an incomplete chain from an untrusted root. */
    public List<X509Certificate> anchors() {
        List<X509Certificate> all = new ArrayList<>();
        delegates.forEach(d -> all.addAll(List.of(d.getAcceptedIssuers())));
        return all;
    }

    /** Validates a chain read outside a JDK handshake (from a hand-built one) and records the verdict. */
    public void record(X509Certificate[] served, String authType) {
        chain = served == null ? List.of() : List.of(served);
        if (chain.isEmpty()) {
            return;
        }
        CertificateException last = null;
        for (X509TrustManager d : delegates) {
            try {
                d.checkServerTrusted(served, authType);
                problem = Optional.empty();
                return;
            } catch (CertificateException | RuntimeException e) {
                last = e instanceof CertificateException ce ? ce : new CertificateException(e);
            }
        }
        problem = Optional.of(explain(last));
    }

    private static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "certificate expired: " + t.getMessage();
            }
            if (t instanceof CertificateNotYetValidException) {
                return "certificate not yet valid: " + t.getMessage();
            }
        }
        String m = e == null ? "unknown" : e.getMessage();
        return m != null && m.contains("PKIX path building failed")
                ? "no trusted issuer: the chain does not lead to a trusted root" : "chain rejected: " + m;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, SSLEngine engine) {
        record(served, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType, Socket socket) {
        record(served, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] served, String authType) {
        record(served, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("Vantage is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("Vantage is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Vantage is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
