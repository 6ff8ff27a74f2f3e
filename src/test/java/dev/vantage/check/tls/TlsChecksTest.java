package dev.vantage.check.tls;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.tls.CertificateFacts;
import dev.vantage.probe.tls.CertificateTrust;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsProtocol;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.vantage.probe.tls.TlsInspectionFixtures.NOW;
import static dev.vantage.probe.tls.TlsInspectionFixtures.cert;
import static dev.vantage.probe.tls.TlsInspectionFixtures.goodCert;
import static dev.vantage.probe.tls.TlsInspectionFixtures.inspection;
import static dev.vantage.probe.tls.TlsInspectionFixtures.leaf;
import static dev.vantage.probe.tls.TlsInspectionFixtures.modern;
import static org.assertj.core.api.Assertions.assertThat;

class TlsChecksTest {

    static Finding run(TlsInspection in, String id) {
        return TlsChecks.evaluate(in, 30).stream().filter(f -> f.checkId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aModernServerPassesEveryCheck() {
        assertThat(TlsChecks.evaluate(modern(), 30)).allSatisfy(f -> assertThat(f.verdict())
                .as(f.checkId() + " " + f.observed()).isIn(Verdict.PASS, Verdict.NOT_APPLICABLE));
    }

    @Test
    void everyResultReturnedIsDeclaredAndIdsAreStable() {
        List<TlsCheck> all = TlsChecks.all(30);
        assertThat(all).extracting(TlsCheck::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("tls."));
        TlsInspection legacy = inspection(Map.of(TlsProtocol.TLS_1_0, List.of(0x000A, 0x0005)), cert(
                leaf(1024, "SHA1withRSA", NOW.minus(Duration.ofDays(1))), CertificateTrust.rejected("expired"),
                false, true, false));
        for (TlsInspection in : List.of(modern(), legacy)) {
            for (TlsCheck c : all) {
                assertThat(c.results()).as(c.id()).contains(c.evaluate(in).result());
            }
        }
    }

    @Test
    void expirySoonWarnsWithConfigurableDaysAndExpiredFails() {
        CertificateFacts soon = cert(leaf(2048, "SHA256withRSA", NOW.plus(Duration.ofDays(10))),
                CertificateTrust.TRUSTED, true, false, true);
        TlsInspection in = inspection(Map.of(TlsProtocol.TLS_1_3, List.of(0x1301)), soon);
        Finding f = TlsChecks.evaluate(in, 14).stream().filter(x -> x.checkId().equals("tls.certificate-expiry"))
                .findFirst().orElseThrow();
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.result()).isEqualTo("expires-soon");
        assertThat(TlsChecks.evaluate(in, 7).stream().filter(x -> x.checkId().equals("tls.certificate-expiry"))
                .findFirst().orElseThrow().result()).isEqualTo("valid");
    }

    @Test
    void legacyProtocolsWeakCiphersAndNoForwardSecrecyFail() {
        TlsInspection in = inspection(Map.of(TlsProtocol.TLS_1_0, List.of(0x000A), TlsProtocol.TLS_1_2,
                List.of(0x009C)), goodCert());
        assertThat(run(in, "tls.protocols").result()).isEqualTo("legacy-enabled");
        assertThat(run(in, "tls.ciphers").result()).isEqualTo("weak");
        assertThat(run(in, "tls.forward-secrecy").result()).isEqualTo("none");
        assertThat(run(in, "tls.aead").result()).isEqualTo("partial");
    }

    @Test
    void exportAndAnonymousSuitesAreInsecure() {
        TlsInspection in = inspection(Map.of(TlsProtocol.TLS_1_2, List.of(0xC02F, 0x0034, 0x0003)), goodCert());
        Finding f = run(in, "tls.ciphers");
        assertThat(f.result()).isEqualTo("insecure");
        assertThat(f.observed()).contains("TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
    }

    @Test
    void certificateProblemsEachHaveTheirResult() {
        TlsInspection bad = inspection(Map.of(TlsProtocol.TLS_1_3, List.of(0x1301)), cert(
                leaf(1024, "SHA1withRSA", NOW.plus(Duration.ofDays(50))), CertificateTrust.rejected("no trusted issuer"),
                false, false, false));
        assertThat(run(bad, "tls.certificate-trust").result()).isEqualTo("untrusted");
        assertThat(run(bad, "tls.certificate-hostname").result()).isEqualTo("mismatch");
        assertThat(run(bad, "tls.certificate-key").result()).isEqualTo("weak");
        assertThat(run(bad, "tls.certificate-signature").result()).isEqualTo("sha1");
        assertThat(run(bad, "tls.certificate-chain").result()).isEqualTo("incomplete");
    }

    @Test
    void noTlsAtAllIsReportedNotThrown() {
        TlsInspection none = inspection(Map.of(), CertificateFacts.failed("localhost", "refused"));
        assertThat(run(none, "tls.protocols").result()).isEqualTo("no-tls");
        assertThat(run(none, "tls.certificate-trust").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
}
