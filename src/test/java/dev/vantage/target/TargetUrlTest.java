package dev.vantage.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetUrlTest {

    @Test
    void addsARootPathAndLowerCasesTheScheme() {
        assertThat(TargetUrl.parse("HTTPS://example.com").toString()).isEqualTo("https://example.com/");
    }

    @Test
    void keepsPortPathAndQueryButDropsTheFragment() {
        assertThat(TargetUrl.parse("https://example.com:8443/a/b?x=1#top").toString())
                .isEqualTo("https://example.com:8443/a/b?x=1");
    }

    @Test
    void acceptsIpv6Literals() {
        assertThat(TargetUrl.parse("http://[::1]:8080/").getHost()).isEqualTo("[::1]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.com|has no scheme: write https://example.com",
            "ftp://example.com/|unsupported scheme 'ftp'",
            "https://example.com:70000/|port 70000, out of range",
            "https://example.com:0/|port 0, out of range",
            "https://example.com:abc/|invalid port",
            "https:///path|no host name",
            "https://user:pw@example.com/|contains user credentials",
            "https://exa mple.com/|is malformed"})
    void rejectsBadUrlsWithAMessageNamingTheProblem(String url, String message) {
        assertThatThrownBy(() -> TargetUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void effectivePortFallsBackToTheSchemeDefault() {
        assertThat(TargetUrl.effectivePort(TargetUrl.parse("https://a.example/"))).isEqualTo(443);
        assertThat(TargetUrl.effectivePort(TargetUrl.parse("http://a.example/"))).isEqualTo(80);
        assertThat(TargetUrl.effectivePort(TargetUrl.parse("http://a.example:81/"))).isEqualTo(81);
    }
}
