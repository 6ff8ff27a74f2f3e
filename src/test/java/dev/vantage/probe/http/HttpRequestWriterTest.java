package dev.vantage.probe.http;

import dev.vantage.probe.ProbeOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpRequestWriterTest {

    @Test
    void theHostHeaderOmitsTheDefaultPortAndKeepsIpv6Brackets() {
        assertThat(HttpRequestWriter.hostHeader(URI.create("https://example.com:443/"))).isEqualTo("example.com");
        assertThat(HttpRequestWriter.hostHeader(URI.create("http://example.com/"))).isEqualTo("example.com");
        assertThat(HttpRequestWriter.hostHeader(URI.create("http://example.com:443/"))).isEqualTo("example.com:443");
        assertThat(HttpRequestWriter.hostHeader(URI.create("https://[::1]:8443/"))).isEqualTo("[::1]:8443");
    }

    @Test
    void theTargetIsTheRawPathAndQueryWithSlashForAnEmptyPath() {
        assertThat(HttpRequestWriter.target(URI.create("https://example.com"))).isEqualTo("/");
        assertThat(HttpRequestWriter.target(URI.create("https://example.com/a%20b?q=%2F#frag"))).isEqualTo("/a%20b?q=%2F");
    }

    @Test
    void aHeaderWithALineBreakIsRefusedRatherThanSmuggled() {
        HttpRequestSpec spec = new HttpRequestSpec("GET", URI.create("http://example.com/"),
                Headers.of("X-Evil", "a\r\nHost: other"));

        assertThatThrownBy(() -> HttpRequestWriter.render(spec, ProbeOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Evil");
    }

    @Test
    void theRequestEndsWithAnEmptyLine() {
        String head = HttpRequestWriter.render(HttpRequestSpec.get(URI.create("http://example.com/")),
                ProbeOptions.defaults());

        assertThat(head).startsWith("GET / HTTP/1.1\r\nHost: example.com\r\n").endsWith("Connection: close\r\n\r\n");
    }
}
