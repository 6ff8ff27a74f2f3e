package dev.vantage.probe.tls;

import io.netty.util.NetUtil;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.TrustOptions;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.util.List;
import java.util.Optional;

/** The client side of a probe's TLS upgrade: the options it offers and the evidence it takes afterwards. */
public final class TlsSessions {

    private TlsSessions() {
    }

    /**
     * Options for one handshake judged by {@code recorder}. A fresh trust manager per handshake also means a fresh
     * SSL context and so an empty session cache: a resumed session would skip the certificate check.
     */
    public static ClientSSLOptions clientOptions(RecordingTrustManager recorder) {
        return new ClientSSLOptions()
                .setTrustOptions(TrustOptions.wrap(recorder))
                .setHostnameVerificationAlgorithm("") // the recorder checks the name itself
                .setUseAlpn(true)
                .setApplicationLayerProtocols(List.of("http/1.1"));
    }

    /** The SNI name for a URL's host (RFC 6066 carries names only): null for an IP literal, bracketed or not. */
    public static String serverName(String urlHost) {
        String bare = urlHost.startsWith("[") && urlHost.endsWith("]")
                ? urlHost.substring(1, urlHost.length() - 1) : urlHost;
        return NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare) ? null : bare;
    }

    /** What the completed handshake on {@code socket} negotiated, with the recorder's verdict. */
    public static TlsSessionEvidence evidence(NetSocket socket, RecordingTrustManager recorder) {
        SSLSession session = socket.sslSession();
        List<CertificateSummary> chain;
        try {
            chain = CertificateSummaries.of(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            chain = List.of();
        }
        String alpn = socket.applicationLayerProtocol();
        CertificateTrust verdict = recorder.verdict()
                .orElse(CertificateTrust.rejected("certificate not evaluated: the TLS session was resumed"));
        return new TlsSessionEvidence(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), chain, verdict);
    }
}
