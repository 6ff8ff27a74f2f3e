package dev.vantage.check.tls;

import dev.vantage.probe.tls.CertificateFacts;
import dev.vantage.probe.tls.CertificateTrust;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsProtocol;
import org.junit.jupiter.api.Test;

import static dev.vantage.probe.tls.TlsInspectionFixtures.cert;
import static dev.vantage.probe.tls.TlsInspectionFixtures.NOW;
import static dev.vantage.probe.tls.TlsInspectionFixtures.goodCert;
import static dev.vantage.probe.tls.TlsInspectionFixtures.inspection;
import static dev.vantage.probe.tls.TlsInspectionFixtures.leaf;
import static dev.vantage.probe.tls.TlsInspectionFixtures.modern;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class SslLabsRatingTest {

    static final OptionalLong LONG_HSTS = OptionalLong.of(31_536_000);

    @Test
    void modernServerWithLongHstsIsAPlus() {
        TlsRating r = SslLabsRating.rate(modern(), LONG_HSTS);
        assertThat(r.letter()).isEqualTo("A+");
        assertThat(r.protocolScore()).isEqualTo(100);
        assertThat(r.keyExchangeScore()).isEqualTo(90); // RSA 2048 < 4096 -> 90; x25519 253 bits -> 100
        assertThat(r.cipherScore()).isEqualTo(90); // (128-bit 80 + 256-bit 100) / 2
        assertThat(r.score()).isEqualTo(93); // 0.3*100 + 0.3*90 + 0.4*90 = 93
        assertThat(r.caps()).isEmpty();
    }

    @Test
    void withoutHstsItIsPlainAAndShortHstsOrNoTls13IsAMinus() {
        assertThat(SslLabsRating.rate(modern(), OptionalLong.empty()).letter()).isEqualTo("A");
        assertThat(SslLabsRating.rate(modern(), OptionalLong.of(86_400)).letter()).isEqualTo("A-");
        TlsInspection no13 = inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F)), goodCert());
        TlsRating r = SslLabsRating.rate(no13, LONG_HSTS);
        assertThat(r.letter()).isEqualTo("A-");
        assertThat(r.warnings()).contains("no TLS 1.3");
    }

    @Test
    void tls10Or11CapsAtB() {
        TlsRating r = SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_0, List.of(0xC014),
                TlsProtocol.TLS_1_2, List.of(0xC02F)), goodCert()), LONG_HSTS);
        assertThat(r.letter()).isEqualTo("B");
        assertThat(r.protocolScore()).isEqualTo(95);
        assertThat(r.caps()).extracting(TlsRating.Cap::reason).contains("TLS 1.0 or 1.1 accepted");
    }

    @Test
    void noForwardSecrecyAndNoAeadEachCapAtB() {
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0x009C)), goodCert()),
                LONG_HSTS).caps()).extracting(TlsRating.Cap::reason).containsExactly("no forward-secret suite");
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC013)), goodCert()),
                LONG_HSTS).caps()).extracting(TlsRating.Cap::reason).containsExactly("no AEAD suite");
    }

    @Test
    void tripleDesOnTls12CapsAtCAndNoTls12CapsAtC() {
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F, 0x000A)), goodCert()),
                LONG_HSTS).letter()).isEqualTo("C");
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_0, List.of(0xC014)), goodCert()),
                LONG_HSTS).letter()).isEqualTo("C");
    }

    @Test
    void rc4CapsAtBOnTls10AndCOnTls12() {
        TlsRating r = SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F, 0x0005)), goodCert()),
                LONG_HSTS);
        assertThat(r.letter()).isEqualTo("C");
        assertThat(r.caps()).extracting(TlsRating.Cap::reason).contains("RC4 accepted");
    }

    @Test
    void exportAnonymousSslv2AndSslv3OnlyAreF() {
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F, 0x0003)), goodCert()),
                LONG_HSTS).letter()).isEqualTo("F");
        TlsRating anon = SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F, 0x0034)),
                goodCert()), LONG_HSTS);
        assertThat(anon.letter()).isEqualTo("F");
        assertThat(anon.score()).as("anonymous key exchange scores 0").isZero();
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.SSL_2, List.of(0x0700C0), TlsProtocol.TLS_1_2,
                List.of(0xC02F)), goodCert()), LONG_HSTS).letter()).isEqualTo("F");
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.SSL_3, List.of(0xC014)), goodCert()),
                LONG_HSTS).letter()).isEqualTo("F");
    }

    @Test
    void keyExchangeBoundaries() {
        assertThat(SslLabsRating.keyExchangePoints(false, 511)).isEqualTo(20);
        assertThat(SslLabsRating.keyExchangePoints(false, 512)).isEqualTo(40);
        assertThat(SslLabsRating.keyExchangePoints(false, 1024)).isEqualTo(80);
        assertThat(SslLabsRating.keyExchangePoints(false, 2048)).isEqualTo(90);
        assertThat(SslLabsRating.keyExchangePoints(false, 4096)).isEqualTo(100);
        assertThat(SslLabsRating.keyExchangePoints(true, 109)).isEqualTo(20);
        assertThat(SslLabsRating.keyExchangePoints(true, 163)).isEqualTo(90);
        assertThat(SslLabsRating.keyExchangePoints(true, 225)).isEqualTo(100);
        CertificateFacts weak = new CertificateFacts("localhost", List.of(leaf(1024, "SHA256withRSA",
                NOW.plus(Duration.ofDays(80)))), CertificateTrust.TRUSTED, true, false, true, true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        TlsRating r = SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_3, List.of(0x1301)), weak), LONG_HSTS);
        assertThat(r.keyExchangeScore()).isEqualTo(80);
        assertThat(r.letter()).isEqualTo("B");
    }

    @Test
    void cipherAndLetterBoundaries() {
        assertThat(SslLabsRating.cipherPoints(0)).isZero();
        assertThat(SslLabsRating.cipherPoints(127)).isEqualTo(20);
        assertThat(SslLabsRating.cipherPoints(128)).isEqualTo(80);
        assertThat(SslLabsRating.cipherPoints(256)).isEqualTo(100);
        assertThat(List.of(80, 79, 65, 64, 50, 49, 35, 34, 20, 19).stream().map(SslLabsRating::letter))
                .containsExactly("A", "B", "B", "C", "C", "D", "D", "E", "E", "F");
    }

    @Test
    void trustProblemsGiveTAndHostnameMismatchGivesM() {
        CertificateFacts expired = new CertificateFacts("localhost", List.of(leaf(2048, "SHA256withRSA",
                NOW.minus(Duration.ofDays(1)))), CertificateTrust.rejected("certificate expired"), true, false, true,
                true, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_3, List.of(0x1301)), expired), LONG_HSTS)
                .letter()).isEqualTo("T");
        CertificateFacts sha1 = new CertificateFacts("localhost", List.of(leaf(2048, "SHA1withRSA",
                NOW.plus(Duration.ofDays(9)))), CertificateTrust.TRUSTED, true, false, true, true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_3, List.of(0x1301)), sha1), LONG_HSTS)
                .letter()).isEqualTo("T");
        CertificateFacts mismatch = new CertificateFacts("other.example", goodCert().chain(), CertificateTrust.TRUSTED,
                false, false, true, true, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        TlsRating m = SslLabsRating.rate(inspection(Map.of(TlsProtocol.SSL_3, List.of(0xC014)), mismatch), LONG_HSTS);
        assertThat(m.letter()).as("M overrides even F").isEqualTo("M");
    }

    @Test
    void selfSignedIsTUnlessTheOperatorTrustsItExplicitly() {
        var leaf = leaf(2048, "SHA256withRSA", NOW.plus(Duration.ofDays(80)));
        var tls13 = Map.of(TlsProtocol.TLS_1_3, List.of(0x1301));
        CertificateFacts untrusted = cert(leaf, CertificateTrust.rejected("self signed"), true, true, true);
        assertThat(SslLabsRating.rate(inspection(tls13, untrusted), LONG_HSTS).letter()).isEqualTo("T");
        CertificateFacts pinned = cert(leaf, CertificateTrust.TRUSTED, true, true, true);
        assertThat(SslLabsRating.rate(inspection(tls13, pinned), LONG_HSTS).letter()).isEqualTo("A+");
    }

    @Test
    void incompleteChainCapsAtB() {
        CertificateFacts incomplete = new CertificateFacts("localhost", goodCert().chain(), CertificateTrust.TRUSTED,
                true, false, true, false, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(SslLabsRating.rate(inspection(Map.of(TlsProtocol.TLS_1_3, List.of(0x1301)), incomplete), LONG_HSTS)
                .letter()).isEqualTo("B");
    }

    @Test
    void noTlsAtAllIsF() {
        assertThat(SslLabsRating.rate(inspection(Map.of(), CertificateFacts.failed("localhost", "refused")),
                LONG_HSTS).letter()).isEqualTo("F");
    }
}
