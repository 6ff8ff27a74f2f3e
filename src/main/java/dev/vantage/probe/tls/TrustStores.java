package dev.vantage.probe.tls;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The trust anchors a probe judges certificates against: the JDK's default store plus, optionally, the CA
 * certificates of a PEM file. Loading reads files, so build one per prober, off the event loop, and share it.
 */
public final class TrustStores {

    private final List<X509ExtendedTrustManager> managers;

    private TrustStores(List<X509ExtendedTrustManager> managers) {
        this.managers = List.copyOf(managers);
    }

    /**
     * The JDK default trust store, plus every certificate of {@code caFile} when given.
     *
     * @throws IllegalArgumentException when the CA file cannot be read or holds no certificate (a user error)
     */
    public static TrustStores load(Optional<Path> caFile) {
        List<X509ExtendedTrustManager> managers = new ArrayList<>();
        managers.add(fromKeyStore(null));
        caFile.ifPresent(path -> managers.add(fromKeyStore(keyStoreOf(path))));
        return new TrustStores(managers);
    }

    /** The trust managers to consult, JDK default first; a chain is trusted when any of them accepts it. */
    public List<X509ExtendedTrustManager> managers() {
        return managers;
    }

    private static KeyStore keyStoreOf(Path pemFile) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CA file " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + pemFile + " is not PEM X.509 certificates: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("CA file " + pemFile + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store in memory", e);
        }
    }

    private static X509ExtendedTrustManager fromKeyStore(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise a trust manager", e);
        }
    }
}
