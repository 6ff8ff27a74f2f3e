package dev.vantage.probe.tls;

import dev.vantage.fixtures.TestPki;
import dev.vantage.fixtures.TestPki.LeafSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostnameMatcherTest {

    private static X509Certificate wildcard;

    @BeforeAll
    static void issue() {
        wildcard = TestPki.newCa("Matcher Root").issue(LeafSpec.localhost()
                .names("shop", List.of("*.shop.test", "shop.test"), List.of("10.0.0.7", "2001:db8::7"))).certificate();
    }

    @Test
    void aWildcardCoversExactlyOneLeftmostLabel() {
        assertThat(HostnameMatcher.mismatch(wildcard, "www.shop.test")).isEmpty();
        assertThat(HostnameMatcher.mismatch(wildcard, "WWW.Shop.Test.")).isEmpty();
        assertThat(HostnameMatcher.mismatch(wildcard, "a.b.shop.test")).isPresent();
        assertThat(HostnameMatcher.mismatch(wildcard, "evilshop.test")).isPresent();
    }

    @Test
    void theApexNeedsItsOwnName() {
        assertThat(HostnameMatcher.mismatch(wildcard, "shop.test")).isEmpty();
        assertThat(HostnameMatcher.matches("*.shop.test", "shop.test")).isFalse();
    }

    @Test
    void ipLiteralsMatchIpSansOnlyInAnySpelling() {
        assertThat(HostnameMatcher.mismatch(wildcard, "10.0.0.7")).isEmpty();
        assertThat(HostnameMatcher.mismatch(wildcard, "[2001:db8:0:0:0:0:0:7]")).isEmpty();
        assertThat(HostnameMatcher.mismatch(wildcard, "10.0.0.8")).hasValueSatisfying(
                m -> assertThat(m).contains("not 10.0.0.8"));
    }

    @Test
    void aWildcardNeverStandsForATopLevelDomain() {
        assertThat(HostnameMatcher.matches("*.test", "shop.test")).isFalse();
    }
}
