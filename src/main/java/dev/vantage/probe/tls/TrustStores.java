package dev.vantage.probe.tls;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The trust anchors a probe judges certificates against: the JDK's default store plus, optionally, the CA
 * certificates of a PEM file. Loading reads files, so build one per prober, off the event loop, and share it.
 *
 * <p>The trust managers are kept for the life of the process (the JDK's) or until the CA file changes (size or
 * modification time): every run builds a prober, and loading them anew cost each pulse 1.6 % of its CPU (issue 10).
 */
public final class TrustStores {

    private static final int CA_FILES_KEPT = 64;
    private static volatile X509ExtendedTrustManager jdkDefault;
    private static final Map<CaFileVersion, X509ExtendedTrustManager> CA_FILES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CaFileVersion, X509ExtendedTrustManager> eldest) {
            return size() > CA_FILES_KEPT;
        }
    };

    /** A CA file as last seen on disk: an edited file is a new version and is read again. */
    private record CaFileVersion(Path path, long size, FileTime modified) {
        static CaFileVersion of(Path path) {
            try {
                return new CaFileVersion(path.toAbsolutePath().normalize(), Files.size(path),
                        Files.getLastModifiedTime(path));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read CA file " + path + ": " + e.getMessage(), e);
            }
        }
    }

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
        managers.add(jdkDefault());
        caFile.ifPresent(path -> managers.add(caFileManager(path)));
        return new TrustStores(managers);
    }

    private static X509ExtendedTrustManager jdkDefault() {
        X509ExtendedTrustManager manager = jdkDefault;
        if (manager == null) {
            manager = fromKeyStore(null);
            jdkDefault = manager;
        }
        return manager;
    }

    private static X509ExtendedTrustManager caFileManager(Path path) {
        CaFileVersion version = CaFileVersion.of(path);
        synchronized (CA_FILES) {
            X509ExtendedTrustManager kept = CA_FILES.get(version);
            if (kept != null) {
                return kept;
            }
        }
        X509ExtendedTrustManager manager = fromKeyStore(keyStoreOf(path));
        synchronized (CA_FILES) {
            CA_FILES.put(version, manager);
        }
        return manager;
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
