package dev.vantage.probe.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** Copies the facts checks need out of X.509 certificates into {@link CertificateSummary} values. */
public final class CertificateSummaries {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private CertificateSummaries() {
    }

    /** Summaries of the X.509 certificates of a chain, in the order served; other certificate types are skipped. */
    public static List<CertificateSummary> of(Certificate[] chain) {
        List<CertificateSummary> out = new ArrayList<>();
        for (Certificate certificate : chain) {
            if (certificate instanceof X509Certificate x509) {
                out.add(of(x509));
            }
        }
        return out;
    }

    /** The summary of one certificate; unreadable parts become empty values rather than errors. */
    public static CertificateSummary of(X509Certificate cert) {
        PublicKey key = cert.getPublicKey();
        return new CertificateSummary(cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), subjectAltNames(cert), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), key.getAlgorithm(), keyBits(key), cert.getSigAlgName(),
                sha256(cert));
    }

    /** DNS names and IP addresses of the SAN extension, in order. */
    static List<String> subjectAltNames(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (List<?> entry : names) {
                Object type = entry.get(0);
                if (type instanceof Integer t && (t == SAN_DNS || t == SAN_IP) && entry.get(1) instanceof String v) {
                    out.add(v);
                }
            }
            return out;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        // EdDSA keys have no size accessor; these are the sizes their curves are known by.
        return switch (key.getAlgorithm()) {
            case "Ed25519" -> 253;
            case "Ed448" -> 456;
            default -> 0;
        };
    }

    static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }
}
