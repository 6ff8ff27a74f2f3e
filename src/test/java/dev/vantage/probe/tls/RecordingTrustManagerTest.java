package dev.vantage.probe.tls;

import dev.vantage.fixtures.TestPki;
import dev.vantage.fixtures.TestPki.LeafSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one trust recorder behind both the HTTP probers (host name judged) and the TLS inspector (chain only). */
class RecordingTrustManagerTest {

    static TestPki pki;
    static TrustStores stores;

    @BeforeAll
    static void setUp(@TempDir Path dir) {
        pki = TestPki.newCa("Recorder CA");
        stores = TrustStores.load(Optional.of(pki.writeCaPem(dir.resolve("ca.pem"))));
    }

    static X509Certificate[] served(LeafSpec spec) {
        return new X509Certificate[] {pki.issue(spec).certificate()};
    }

    @Test
    void aWrongNameIsRejectedWhenAHostIsGivenAndIgnoredByTheChainOnlyForm() {
        X509Certificate[] chain = served(LeafSpec.localhost().names("other.example", List.of("other.example"),
                List.of()));
        RecordingTrustManager withHost = new RecordingTrustManager(stores, "localhost");
        withHost.checkServerTrusted(chain, "RSA");
        assertThat(withHost.verdict().orElseThrow().problem()).hasValueSatisfying(
                p -> assertThat(p).startsWith("hostname mismatch"));

        RecordingTrustManager chainOnly = RecordingTrustManager.chainOnly(stores);
        chainOnly.checkServerTrusted(chain, "RSA");
        assertThat(chainOnly.verdict()).contains(CertificateTrust.TRUSTED);
        assertThat(chainOnly.chain()).containsExactly(chain);
    }

    @Test
    void aStoreThatKnowsTheIssuerNamesTheRealFaultOverUnknownIssuer() {
        RecordingTrustManager recorder = RecordingTrustManager.chainOnly(stores);
        recorder.checkServerTrusted(served(LeafSpec.localhost().expired()), "RSA");
        assertThat(recorder.verdict().orElseThrow().problem()).hasValueSatisfying(
                p -> assertThat(p).startsWith("certificate expired"));
    }

    @Test
    void nothingIsRecordedBeforeAHandshake() {
        RecordingTrustManager recorder = RecordingTrustManager.chainOnly(stores);
        assertThat(recorder.verdict()).isEmpty();
        assertThat(recorder.chain()).isEmpty();
        assertThat(recorder.getAcceptedIssuers()).contains(pki.caCertificate());
    }
}
