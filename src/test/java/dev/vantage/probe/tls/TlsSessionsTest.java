package dev.vantage.probe.tls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TlsSessionsTest {

    @Test
    void sniCarriesHostNamesButNeverIpLiterals() {
        assertThat(TlsSessions.serverName("shop.example")).isEqualTo("shop.example");
        assertThat(TlsSessions.serverName("127.0.0.1")).isNull();
        assertThat(TlsSessions.serverName("[::1]")).isNull();
        assertThat(TlsSessions.serverName("[2001:db8::7]")).isNull();
    }
}
