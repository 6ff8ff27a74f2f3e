package dev.vantage.probe.tls;

import dev.vantage.fixtures.TestPki;
import dev.vantage.fixtures.TestPki.LeafSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chain's PKIX verdict is reused for identical chains under the same trust managers, never past the instant it
 * could change by itself, and never for another chain, key exchange type or set of trust anchors.
 */
class ChainVerdictsTest {

    static TestPki pki;
    static TrustStores stores;
    static TrustStores otherStores;

    @BeforeAll
    static void setUp(@TempDir Path dir) {
        pki = TestPki.newCa("Verdicts CA");
        stores = TrustStores.load(Optional.of(pki.writeCaPem(dir.resolve("ca.pem"))));
        otherStores = TrustStores.load(Optional.of(TestPki.newCa("Other CA").writeCaPem(dir.resolve("other.pem"))));
    }

    final AtomicLong now = new AtomicLong(Instant.now().toEpochMilli());
    final ChainVerdicts verdicts = new ChainVerdicts(now::get);
    final AtomicInteger judged = new AtomicInteger();

    String verdict(TrustStores s, String authType, X509Certificate[] chain) {
        return verdicts.verdict(s.managers(), authType, chain, () -> {
            judged.incrementAndGet();
            return "verdict " + judged.get();
        });
    }

    static X509Certificate[] chain(LeafSpec spec) {
        return new X509Certificate[] {pki.issue(spec).certificate()};
    }

    @Test
    void theSameChainIsJudgedOnceUntilTheTtlEnds() {
        X509Certificate[] chain = chain(LeafSpec.localhost());
        assertThat(verdict(stores, "ECDHE_ECDSA", chain)).isEqualTo("verdict 1");
        // The same bytes from another handshake (re-parsed), a minute later.
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(verdict(stores, "ECDHE_ECDSA", chain.clone())).isEqualTo("verdict 1");
        assertThat(judged).hasValue(1);
        now.addAndGet(ChainVerdicts.TTL.toMillis());
        assertThat(verdict(stores, "ECDHE_ECDSA", chain)).as("after the TTL").isEqualTo("verdict 2");
    }

    @Test
    void anotherChainAuthTypeOrTrustStoreIsJudgedAfresh() {
        X509Certificate[] chain = chain(LeafSpec.localhost());
        verdict(stores, "ECDHE_ECDSA", chain);
        verdict(stores, "ECDHE_ECDSA", chain(LeafSpec.localhost()));
        verdict(stores, "ECDHE_RSA", chain);
        verdict(otherStores, "ECDHE_ECDSA", chain);
        assertThat(judged).hasValue(4);
        assertThat(verdicts.size()).isEqualTo(4);
    }

    @Test
    void aVerdictEndsWhenACertificateExpiresOrBecomesValid() {
        Instant t = Instant.ofEpochMilli(now.get());
        X509Certificate[] expiring = chain(LeafSpec.localhost().validity(t.minus(Duration.ofDays(1)),
                t.plus(Duration.ofMinutes(2))));
        verdict(stores, "RSA", expiring);
        now.addAndGet(Duration.ofMinutes(2).toMillis());
        verdict(stores, "RSA", expiring);
        assertThat(judged).as("judged again once the leaf expired").hasValue(2);

        X509Certificate[] early = chain(LeafSpec.localhost().validity(t.plus(Duration.ofMinutes(3)),
                t.plus(Duration.ofDays(30))));
        verdict(stores, "RSA", early);
        verdict(stores, "RSA", early);
        assertThat(judged).as("reused while still not yet valid").hasValue(3);
        now.set(t.plus(Duration.ofMinutes(3)).toEpochMilli());
        verdict(stores, "RSA", early);
        assertThat(judged).as("judged again once valid").hasValue(4);
    }

    @Test
    void throughTheRecorderAnExpiredChainIsNeverReportedTrustedAndTheHostIsJudgedEveryTime() {
        X509Certificate[] chain = chain(LeafSpec.localhost());
        RecordingTrustManager forLocalhost = new RecordingTrustManager(stores, Optional.of("localhost"), verdicts);
        forLocalhost.checkServerTrusted(chain, "RSA");
        assertThat(forLocalhost.verdict()).contains(CertificateTrust.TRUSTED);
        RecordingTrustManager forOther = new RecordingTrustManager(stores, Optional.of("other.example"), verdicts);
        forOther.checkServerTrusted(chain, "RSA");
        assertThat(forOther.verdict().orElseThrow().problem()).hasValueSatisfying(
                p -> assertThat(p).startsWith("hostname mismatch"));

        RecordingTrustManager expired = new RecordingTrustManager(stores, Optional.of("localhost"), verdicts);
        expired.checkServerTrusted(chain(LeafSpec.localhost().expired()), "RSA");
        assertThat(expired.verdict().orElseThrow().problem()).hasValueSatisfying(
                p -> assertThat(p).startsWith("certificate expired"));
    }
}
