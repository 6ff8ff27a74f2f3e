package dev.vantage.probe.tls;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HelloCodecTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void tls12HelloCarriesSuitesSniAndRenegotiationInfo() {
        byte[] h = new ClientHelloBuilder().protocol(TlsProtocol.TLS_1_2).suites(List.of(0xC02F, 0x009C))
                .serverName("example.com").build();
        assertThat(h[0]).isEqualTo((byte) 22);
        assertThat(ServerHelloParser.u16(h, 3)).isEqualTo(h.length - 5);
        assertThat(h[5]).as("ClientHello").isEqualTo((byte) 1);
        assertThat(ServerHelloParser.u16(h, 9)).as("client_version").isEqualTo(0x0303);
        String all = HexFormat.of().formatHex(h);
        assertThat(all).contains("0004c02f009c").contains(HexFormat.of().formatHex("example.com".getBytes()))
                .contains("ff01000100");
    }

    @Test
    void tls13HelloOffersOnlyTls13WithAnX25519KeyShare() {
        String h = HexFormat.of().formatHex(new ClientHelloBuilder().protocol(TlsProtocol.TLS_1_3)
                .suites(List.of(0x1301)).build());
        assertThat(h).contains("002b0003020304").contains("00330026" + "0024001d0020").contains("002d00020101");
    }

    @Test
    void ipLiteralIsNeverSentAsSni() {
        String h = HexFormat.of().formatHex(new ClientHelloBuilder().suites(List.of(0xC02F)).serverName("127.0.0.1").build());
        assertThat(h).doesNotContain(HexFormat.of().formatHex("127.0.0.1".getBytes()));
    }

    @Test
    void sslv2HelloUsesTheTwoByteHeaderAndThreeByteSpecs() {
        byte[] h = new ClientHelloBuilder().protocol(TlsProtocol.SSL_2).suites(List.of(0x010080, 0x0700C0)).build();
        assertThat(h[0] & 0x80).isEqualTo(0x80);
        assertThat(((h[0] & 0x7F) << 8 | (h[1] & 0xFF))).isEqualTo(h.length - 2);
        assertThat(h[2]).isEqualTo((byte) 1);
        assertThat(HexFormat.of().formatHex(h)).contains("0100800700c0");
    }

    @Test
    void fallbackAndRenegotiationScsvAreAppendedToTheSuites() {
        String h = HexFormat.of().formatHex(new ClientHelloBuilder().suites(List.of(0xC02F)).renegotiationScsv(true)
                .fallbackScsv(true).build());
        assertThat(h).contains("0006c02f00ff5600");
    }

    /** A TLS 1.2 ServerHello (ECDHE-RSA-AES128-GCM, renegotiation_info, ALPN h2) then ServerKeyExchange and Done. */
    @Test
    void parsesTls12FlightWithCurveFromServerKeyExchange() {
        String random = "11".repeat(32);
        String exts = "ff01 0001 00" + "0010 0005 0003 026832";
        String body = "0303" + random + "00" + "c02f" + "00" + String.format("%04x", hex(exts).length) + exts;
        String sh = "02" + String.format("%06x", hex(body).length) + body;
        String ske = "0c 000008 03 0017 04 aabbccdd"; // named_curve secp256r1 + a truncated point (ignored)
        String done = "0e 000000";
        String hs = sh + ske + done;
        byte[] record = hex("16 0303" + String.format("%04x", hex(hs).length) + hs);
        ServerReply r = ServerHelloParser.parse(record);
        assertThat(r).isInstanceOf(ServerReply.Hello.class);
        ServerReply.Hello h = (ServerReply.Hello) r;
        assertThat(h.protocol()).contains(TlsProtocol.TLS_1_2);
        assertThat(h.cipherSuite()).isEqualTo(0xC02F);
        assertThat(h.secureRenegotiation()).isTrue();
        assertThat(h.alpn()).contains("h2");
        assertThat(h.kxGroup()).hasValue(0x0017);
        assertThat(h.flightComplete()).isTrue();
    }

    @Test
    void aServerHelloWithoutDoneIsIncompleteFlight() {
        String body = "0301" + "22".repeat(32) + "00" + "c014" + "00";
        String sh = "02" + String.format("%06x", hex(body).length) + body;
        ServerReply r = ServerHelloParser.parse(hex("16 0301" + String.format("%04x", hex(sh).length) + sh));
        assertThat(r).isInstanceOfSatisfying(ServerReply.Hello.class, h -> {
            assertThat(h.protocol()).contains(TlsProtocol.TLS_1_0);
            assertThat(h.flightComplete()).isFalse();
        });
    }

    @Test
    void tls13ServerHelloReadsVersionAndKeyShareGroup() {
        String exts = "002b 0002 0304" + "0033 0024 001d 0020" + "33".repeat(32);
        String body = "0303" + "44".repeat(32) + "20" + "55".repeat(32) + "1302" + "00"
                + String.format("%04x", hex(exts).length) + exts;
        String sh = "02" + String.format("%06x", hex(body).length) + body;
        ServerReply r = ServerHelloParser.parse(hex("16 0303" + String.format("%04x", hex(sh).length) + sh));
        assertThat(r).isInstanceOfSatisfying(ServerReply.Hello.class, h -> {
            assertThat(h.protocol()).contains(TlsProtocol.TLS_1_3);
            assertThat(h.cipherSuite()).isEqualTo(0x1302);
            assertThat(h.keyShareGroup()).hasValue(0x001D);
            assertThat(h.helloRetryRequest()).isFalse();
        });
    }

    @Test
    void helloRetryRequestIsRecognisedByItsRandom() {
        String exts = "002b 0002 0304" + "0033 0002 0017";
        String body = "0303" + HexFormat.of().formatHex(ServerHelloParser.HRR_RANDOM) + "00" + "1301" + "00"
                + String.format("%04x", hex(exts).length) + exts;
        String sh = "02" + String.format("%06x", hex(body).length) + body;
        ServerReply r = ServerHelloParser.parse(hex("16 0303" + String.format("%04x", hex(sh).length) + sh));
        assertThat(r).isInstanceOfSatisfying(ServerReply.Hello.class, h -> {
            assertThat(h.helloRetryRequest()).isTrue();
            assertThat(h.keyShareGroup()).hasValue(0x0017);
        });
    }

    @Test
    void alertsAreDecoded() {
        ServerReply r = ServerHelloParser.parse(hex("15 0303 0002 02 46"));
        assertThat(r).isEqualTo(new ServerReply.Alert(2, 70));
        assertThat(((ServerReply.Alert) r).describe()).contains("protocol_version");
    }

    @Test
    void plainHttpIsNotTls() {
        ServerReply r = ServerHelloParser.parse("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
        assertThat(r).isInstanceOfSatisfying(ServerReply.NotTls.class,
                n -> assertThat(n.reason()).contains("HTTP/1.1 400 Bad Request"));
    }

    @Test
    void shortReadsAreIncompleteAndBadRecordHeadersAreNotTls() {
        assertThat(ServerHelloParser.parse(hex("16 03"))).isInstanceOf(ServerReply.Incomplete.class);
        assertThat(ServerHelloParser.parse(hex("16 0303 0100 02"))).isInstanceOf(ServerReply.Incomplete.class);
        assertThat(ServerHelloParser.parse(hex("16 0903 0004 00000000"))).isInstanceOf(ServerReply.NotTls.class);
    }

    @Test
    void registryKnowsOpensslSuitesAndTheirProperties() {
        CipherSuite gcm = CipherSuites.byCode(0xC02F).orElseThrow();
        assertThat(gcm.ianaName()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(gcm.forwardSecrecy()).isTrue();
        assertThat(gcm.aead()).isTrue();
        CipherSuite rc4 = CipherSuites.byCode(0x0005).orElseThrow();
        assertThat(rc4.rc4()).isTrue();
        assertThat(rc4.keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
        assertThat(CipherSuites.byIanaName("TLS_DH_anon_WITH_AES_128_CBC_SHA").orElseThrow().anonymous()).isTrue();
        assertThat(CipherSuites.byCode(0x000A).orElseThrow().tripleDes()).isTrue();
        assertThat(CipherSuites.byCode(0x0003).orElseThrow().export()).isTrue();
        assertThat(CipherSuites.offerableFor(TlsProtocol.TLS_1_3)).containsExactlyInAnyOrder(0x1301, 0x1302, 0x1303,
                0x1304, 0x1305);
        assertThat(CipherSuites.offerableFor(TlsProtocol.TLS_1_0)).doesNotContain(0xC02F).contains(0xC014);
    }

    @Test
    void sslv2ServerHelloListsTheSharedCipherSpecs() {
        String body = "04 00 01 0002 0003 0006 0010" + "aabbcc" + "010080 0700c0" + "00".repeat(16);
        byte[] record = hex(String.format("%04x", 0x8000 | hex(body).length) + body);
        assertThat(ServerHelloParser.parse(record)).isEqualTo(new ServerReply.Sslv2Hello(List.of(0x010080, 0x0700C0)));
        assertThat(ServerHelloParser.parse(java.util.Arrays.copyOf(record, 20))).isInstanceOf(ServerReply.Incomplete.class);
    }

    @Test
    void tls12CertificateMessageIsCaptured() {
        String body = "0303" + "11".repeat(32) + "00" + "c02f" + "00";
        String sh = "02" + String.format("%06x", hex(body).length) + body;
        String cert = "0b 00000b 000008 000005 0102030405";
        String hs = sh + cert + "0e000000";
        ServerReply r = ServerHelloParser.parse(hex("16 0303" + String.format("%04x", hex(hs).length) + hs));
        assertThat(r).isInstanceOfSatisfying(ServerReply.Hello.class, h -> {
            assertThat(h.certificates()).hasSize(1);
            assertThat(h.certificates().get(0)).containsExactly(1, 2, 3, 4, 5);
        });
    }
}
