package dev.vantage.probe.tls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
        RecordingTrustManager recorder;
        try {
            recorder = RecordingTrustManager.chainOnly(TrustStores.load(options.caFile()));
        } catch (RuntimeException e) {
            return Future.succeededFuture(CertificateFacts.failed(serverName,
                    "could not load trust material: " + e.getMessage()));
        }
        ClientSSLOptions ssl = TlsSessions.clientOptions(recorder)
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
            RecordingTrustManager recorder = RecordingTrustManager.chainOnly(TrustStores.load(options.caFile()));
            CipherSuite suite = CipherSuites.describe(hello.cipherSuite());
            recorder.checkServerTrusted(chain.toArray(X509Certificate[]::new),
                    suite.keyExchange() == CipherSuite.KeyExchange.RSA
                            ? "RSA" : suite.keyExchange().name() + "_" + suite.authentication());
            return Optional.of(facts(name, recorder, hello.protocol().map(TlsProtocol::label),
                    Optional.of(suite.ianaName()), hello.alpn(), false));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static CertificateFacts facts(String name, RecordingTrustManager recorder, Optional<String> protocol,
                                          Optional<String> cipherSuite, Optional<String> alpn, boolean stapled) {
        List<X509Certificate> chain = recorder.chain();
        List<CertificateSummary> summaries = chain.stream().map(CertificateSummaries::of).toList();
        boolean inOrder = true;
        for (int i = 0; i + 1 < chain.size(); i++) {
            inOrder &= chain.get(i).getIssuerX500Principal().equals(chain.get(i + 1).getSubjectX500Principal());
        }
        boolean selfSigned = !chain.isEmpty() && selfIssued(chain.get(0)) && verifies(chain.get(0), chain.get(0));
        boolean complete = !chain.isEmpty() && inOrder && (selfIssued(chain.get(chain.size() - 1))
                || Stream.of(recorder.getAcceptedIssuers()).anyMatch(a -> a.getSubjectX500Principal()
                .equals(chain.get(chain.size() - 1).getIssuerX500Principal())));
        CertificateTrust verdict = recorder.verdict()
                .orElse(CertificateTrust.rejected("the server presented no certificate"));
        CertificateTrust trust = verdict.problem().map(p -> CertificateTrust.rejected(
                !complete && !selfSigned && p.startsWith(RecordingTrustManager.UNKNOWN_ISSUER)
                        ? "incomplete chain: the issuer of the last served certificate was not sent and is not a trusted root"
                        : p)).orElse(CertificateTrust.TRUSTED);
        boolean hostnameMatches = !chain.isEmpty() && HostnameMatcher.mismatch(chain.get(0), name).isEmpty();
        return new CertificateFacts(name, summaries, trust, hostnameMatches,
                selfSigned, inOrder, complete, stapled, protocol, cipherSuite, alpn, Optional.empty());
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
}
