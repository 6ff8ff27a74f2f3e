package dev.vantage.probe.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes one real handshake with the JDK (through Vert.x) to read the certificate chain, trust, hostname match and
 * OCSP stapling. Trust problems are recorded, not fatal; the session is invalidated so nothing is resumed later.
 */
final class CertificateInspector {

    private CertificateInspector() {
    }

    /** Never fails: a failed handshake becomes {@link CertificateFacts#failed}. */
    static Future<CertificateFacts> inspect(Vertx vertx, String host, int port, String serverName,
                                            TlsInspectionOptions options, long timeoutMillis) {
        HandshakeTrustRecorder recorder;
        try {
            recorder = HandshakeTrustRecorder.create(options.caFile());
        } catch (Exception e) {
            return Future.succeededFuture(CertificateFacts.failed(serverName,
                    "could not load trust material: " + e.getMessage()));
        }
        ClientSSLOptions ssl = new ClientSSLOptions().setTrustOptions(TrustOptions.wrap(recorder))
                .setHostnameVerificationAlgorithm("").setUseAlpn(true)
                .setApplicationLayerProtocols(List.of("h2", "http/1.1"))
                .setSslHandshakeTimeout(timeoutMillis).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) timeoutMillis));
        ConnectOptions connect = new ConnectOptions().setHost(host).setPort(port).setSsl(true).setSslOptions(ssl)
                .setTimeout((int) timeoutMillis);
        if (!ClientHelloBuilder.isIpLiteral(serverName)) {
            connect.setSniServerName(serverName);
        }
        return client.connect(connect).map(socket -> {
            SSLSession session = socket.sslSession();
            boolean stapled = session instanceof ExtendedSSLSession ext && !ext.getStatusResponses().isEmpty();
            CertificateFacts facts = facts(serverName, recorder, Optional.ofNullable(session.getProtocol()),
                    Optional.ofNullable(session.getCipherSuite()),
                    Optional.ofNullable(socket.applicationLayerProtocol()).filter(a -> !a.isEmpty()), stapled);
            session.invalidate();
            socket.close();
            return facts;
        }).recover(e -> Future.succeededFuture(CertificateFacts.failed(serverName,
                "JDK handshake failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))))
                .eventually(() -> client.close());
    }

    /**
     * Certificate facts from the Certificate message of a hand-built TLS <= 1.2 handshake, for servers the JDK
     * cannot talk to (TLS 1.0/1.1 only, or only suites the JDK lacks). Empty when the hello carried no chain.
     */
    static Optional<CertificateFacts> fromRawHello(String name, TlsInspectionOptions options, ServerReply.Hello hello) {
        if (hello.certificates().isEmpty()) {
            return Optional.empty();
        }
        try {
            java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (byte[] der : hello.certificates()) {
                chain.add((X509Certificate) cf.generateCertificate(new java.io.ByteArrayInputStream(der)));
            }
            HandshakeTrustRecorder recorder = HandshakeTrustRecorder.create(options.caFile());
            CipherSuite suite = CipherSuites.describe(hello.cipherSuite());
            recorder.record(chain.toArray(X509Certificate[]::new), suite.keyExchange() == CipherSuite.KeyExchange.RSA
                    ? "RSA" : suite.keyExchange().name() + "_" + suite.authentication());
            return Optional.of(facts(name, recorder, hello.protocol().map(TlsProtocol::label),
                    Optional.of(suite.ianaName()), hello.alpn(), false));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static CertificateFacts facts(String name, HandshakeTrustRecorder recorder, Optional<String> protocol,
                                          Optional<String> cipherSuite, Optional<String> alpn, boolean stapled) {
        List<X509Certificate> chain = recorder.chain();
        List<CertificateSummary> summaries = chain.stream().map(CertificateInspector::summarize).toList();
        boolean inOrder = true;
        for (int i = 0; i + 1 < chain.size(); i++) {
            inOrder &= chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal());
        }
        boolean selfSigned = !chain.isEmpty() && selfIssued(chain.get(0)) && verifies(chain.get(0), chain.get(0));
        boolean complete = !chain.isEmpty() && inOrder && (selfIssued(chain.get(chain.size() - 1))
                || recorder.anchors().stream().anyMatch(a -> a.getSubjectX500Principal()
                .equals(chain.get(chain.size() - 1).getIssuerX500Principal())));
        CertificateTrust trust = recorder.problem().map(p -> CertificateTrust.rejected(
                !complete && !selfSigned && p.startsWith("no trusted issuer")
                        ? "incomplete chain: the issuer of the last served certificate was not sent and is not a trusted root"
                        : p)).orElse(CertificateTrust.TRUSTED);
        return new CertificateFacts(name, summaries, trust, !chain.isEmpty() && hostnameMatches(chain.get(0), name),
                selfSigned, inOrder, complete, stapled, protocol, cipherSuite, alpn, Optional.empty());
    }

    static CertificateSummary summarize(X509Certificate c) {
        List<String> sans = new ArrayList<>();
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                alt.forEach(e -> sans.add(String.valueOf(e.get(1))));
            }
        } catch (Exception e) {
            // an unparsable SAN extension reads as no SAN: the hostname check then fails, which is the right verdict
        }
        PublicKey key = c.getPublicKey();
        int bits = key instanceof RSAPublicKey r ? r.getModulus().bitLength()
                : key instanceof ECPublicKey ec ? ec.getParams().getOrder().bitLength()
                : key instanceof DSAPublicKey d ? d.getParams().getP().bitLength()
                : "Ed25519".equals(key.getAlgorithm()) ? 253 : "Ed448".equals(key.getAlgorithm()) ? 456 : 0;
        String fingerprint;
        try {
            fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            fingerprint = "";
        }
        return new CertificateSummary(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                sans, c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), key.getAlgorithm(), bits,
                c.getSigAlgName(), fingerprint);
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private static boolean verifies(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** RFC 6125: DNS SANs, a wildcard only as the whole left-most label; IP SANs for IP literals; no CN fallback. */
    static boolean hostnameMatches(X509Certificate c, String name) {
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt == null) {
                return false;
            }
            boolean ip = ClientHelloBuilder.isIpLiteral(name);
            for (List<?> e : alt) {
                int type = (Integer) e.get(0);
                String value = String.valueOf(e.get(1));
                if (ip && type == 7 && InetAddress.getByName(value).equals(InetAddress.getByName(name))) {
                    return true;
                }
                if (!ip && type == 2 && dnsMatches(value, name)) {
                    return true;
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    static boolean dnsMatches(String pattern, String name) {
        String p = pattern.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        String n = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        if (p.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot + 1).equals(p.substring(2)) && p.chars().filter(ch -> ch == '.').count() >= 2;
        }
        return p.equals(n);
    }
}
