package dev.vantage.probe.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ClientHello records by hand, so Vantage can offer protocols and suites the JDK refuses to speak (SSLv2,
 * SSLv3, TLS 1.0/1.1, EXPORT, RC4...) without touching the JVM's security settings. It only needs the server's first
 * flight, so TLS 1.3 key shares are random bytes: the handshake is never finished.
 */
public final class ClientHelloBuilder {

    /** Named groups offered in supported_groups: x25519, P-256, P-384, P-521, x448, FFDHE 2048..8192. */
    public static final int[] GROUPS = {0x001D, 0x0017, 0x0018, 0x0019, 0x001E, 0x0100, 0x0101, 0x0102, 0x0103,
            0x0104, 0x0015, 0x0016, 0x0013, 0x0014, 0x0012, 0x0011, 0x0010, 0x000F, 0x000E, 0x000D, 0x000C, 0x000B,
            0x000A, 0x0009, 0x0008, 0x0007, 0x0006, 0x0005, 0x0004, 0x0003, 0x0002, 0x0001, 0x001A, 0x001B, 0x001C};
    /** Signature schemes: modern first, then SHA-1/MD5-era pairs so legacy servers still answer. */
    private static final int[] SIGNATURE_SCHEMES = {0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
            0x0809, 0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0203,
            0x0201, 0x0202, 0x0101};
    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsProtocol protocol = TlsProtocol.TLS_1_2;
    private List<Integer> suites = List.of();
    private String serverName;
    private boolean renegotiationInfo = true;
    private boolean renegotiationScsv;
    private boolean fallbackScsv;
    private boolean offerDeflate;
    private boolean statusRequest = true;
    private List<String> alpn = List.of();

    public ClientHelloBuilder protocol(TlsProtocol p) {
        this.protocol = p;
        return this;
    }

    public ClientHelloBuilder suites(List<Integer> codes) {
        this.suites = List.copyOf(codes);
        return this;
    }

    /** SNI host name; ignored when null or an IP literal (RFC 6066 forbids IPs in SNI). */
    public ClientHelloBuilder serverName(String host) {
        this.serverName = host;
        return this;
    }

    public ClientHelloBuilder renegotiationInfo(boolean on) {
        this.renegotiationInfo = on;
        return this;
    }

    public ClientHelloBuilder renegotiationScsv(boolean on) {
        this.renegotiationScsv = on;
        return this;
    }

    /** Appends TLS_FALLBACK_SCSV (RFC 7507): a server that supports something newer must answer with an alert. */
    public ClientHelloBuilder fallbackScsv(boolean on) {
        this.fallbackScsv = on;
        return this;
    }

    /** Offers DEFLATE before NULL compression (CRIME check). */
    public ClientHelloBuilder offerDeflate(boolean on) {
        this.offerDeflate = on;
        return this;
    }

    public ClientHelloBuilder statusRequest(boolean on) {
        this.statusRequest = on;
        return this;
    }

    public ClientHelloBuilder alpn(List<String> protocols) {
        this.alpn = List.copyOf(protocols);
        return this;
    }

    /** The complete record(s) to write on the socket. */
    public byte[] build() {
        return protocol == TlsProtocol.SSL_2 ? sslv2Hello() : tlsHello();
    }

    private byte[] sslv2Hello() {
        Bytes body = new Bytes();
        body.u8(1).u16(0x0002).u16(suites.size() * 3).u16(0).u16(16);
        suites.forEach(body::u24);
        body.raw(randomBytes(16));
        byte[] b = body.toArray();
        return new Bytes().u16(0x8000 | b.length).raw(b).toArray();
    }

    private byte[] tlsHello() {
        boolean v13 = protocol == TlsProtocol.TLS_1_3;
        int legacyVersion = v13 ? 0x0303 : protocol.wireVersion();
        Bytes hello = new Bytes();
        hello.u16(legacyVersion).raw(randomBytes(32));
        hello.u8(32).raw(randomBytes(32)); // a session id makes middleboxes treat 1.3 like a 1.2 resumption
        List<Integer> codes = new ArrayList<>(suites);
        if (renegotiationScsv) {
            codes.add(CipherSuites.EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        if (fallbackScsv) {
            codes.add(CipherSuites.FALLBACK_SCSV);
        }
        hello.u16(codes.size() * 2);
        codes.forEach(hello::u16);
        if (offerDeflate && !v13) {
            hello.u8(2).u8(1).u8(0);
        } else {
            hello.u8(1).u8(0);
        }
        if (protocol != TlsProtocol.SSL_3) {
            byte[] ext = extensions(v13);
            hello.u16(ext.length).raw(ext);
        }
        byte[] h = hello.toArray();
        byte[] handshake = new Bytes().u8(1).u24(h.length).raw(h).toArray();
        int recordVersion = v13 ? 0x0301 : Math.min(protocol.wireVersion(), 0x0301);
        return new Bytes().u8(22).u16(recordVersion).u16(handshake.length).raw(handshake).toArray();
    }

    private byte[] extensions(boolean v13) {
        Bytes e = new Bytes();
        if (serverName != null && !serverName.isEmpty() && !isIpLiteral(serverName)) {
            byte[] name = serverName.getBytes(StandardCharsets.US_ASCII);
            e.u16(0x0000).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).raw(name);
        }
        e.u16(0x000A).u16(GROUPS.length * 2 + 2).u16(GROUPS.length * 2);
        for (int g : GROUPS) {
            e.u16(g);
        }
        e.u16(0x000B).u16(4).u8(3).u8(0).u8(1).u8(2); // ec_point_formats: uncompressed, ansiX962 prime/char2
        if (protocol.compareTo(TlsProtocol.TLS_1_2) >= 0) {
            e.u16(0x000D).u16(SIGNATURE_SCHEMES.length * 2 + 2).u16(SIGNATURE_SCHEMES.length * 2);
            for (int s : SIGNATURE_SCHEMES) {
                e.u16(s);
            }
        }
        if (statusRequest) {
            e.u16(0x0005).u16(5).u8(1).u16(0).u16(0);
        }
        if (!alpn.isEmpty()) {
            Bytes list = new Bytes();
            alpn.forEach(p -> {
                byte[] n = p.getBytes(StandardCharsets.US_ASCII);
                list.u8(n.length).raw(n);
            });
            byte[] l = list.toArray();
            e.u16(0x0010).u16(l.length + 2).u16(l.length).raw(l);
        }
        e.u16(0x0017).u16(0); // extended_master_secret
        if (renegotiationInfo && !v13) {
            e.u16(0xFF01).u16(1).u8(0);
        }
        if (v13) {
            e.u16(0x002B).u16(3).u8(2).u16(0x0304); // supported_versions: TLS 1.3 only
            e.u16(0x002D).u16(2).u8(1).u8(1); // psk_key_exchange_modes: psk_dhe_ke
            e.u16(0x0033).u16(38).u16(36).u16(0x001D).u16(32).raw(randomBytes(32)); // key_share: x25519
        }
        return e.toArray();
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A tiny big-endian writer. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        Bytes u16(int v) {
            return u8(v >> 8).u8(v);
        }

        Bytes u24(int v) {
            return u8(v >> 16).u16(v);
        }

        Bytes raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
