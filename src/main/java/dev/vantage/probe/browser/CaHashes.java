package dev.vantage.probe.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SHA-256 hashes of public keys (SPKI), base64, as Chromium's {@code --ignore-certificate-errors-spki-list}
 * takes them: the way to make the browser accept a target's private CA, since Chromium reads neither the Java trust
 * store nor a CA file, and Debian's build has no per-profile certificate store. Chromium matches the hashes against
 * the chain the server sent; most servers send no root, so the CA's own hash is not enough: the leaf the page's host
 * serves is fetched first and its hash added, only after Java verified it against the CA file and the host name
 * (Chromium ignores every certificate error for a listed key, the name included).
 */
final class CaHashes {

    private CaHashes() {
    }

    /** Every certificate's SPKI hash; a file without one, or unreadable, is an error naming the file. */
    static List<String> of(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            List<String> hashes = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(CaHashes::spki).toList();
            if (hashes.isEmpty()) {
                throw new IllegalArgumentException("the CA file " + caFile + " holds no PEM certificate");
            }
            return hashes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + caFile + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the CA file " + caFile + " is not PEM certificates: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The hash of the leaf {@code host} serves at {@code address}, when it verifies against the CA file alone and
     * matches the host name; empty otherwise (a publicly trusted site needs none, a bad one must not get one).
     */
    static Optional<String> servedLeaf(Path caFile, String host, InetAddress address, int port, int timeoutMillis) {
        try (InputStream in = Files.newInputStream(caFile); Socket raw = new Socket()) {
            KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
            roots.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                roots.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(roots);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            raw.connect(new InetSocketAddress(address, port), timeoutMillis);
            raw.setSoTimeout(timeoutMillis);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return Optional.of(spki(tls.getSession().getPeerCertificates()[0]));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String spki(Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
