package dev.vantage.probe.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;

/**
 * The SHA-256 hashes of the public keys (SPKI) of the certificates in a PEM file, base64, as Chromium's
 * {@code --ignore-certificate-errors-spki-list} takes them: the way to make the browser accept a target's private
 * CA, since Chromium reads neither the Java trust store nor a CA file.
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

    private static String spki(Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
