package dev.vantage.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResolvePinTest {

    @Test
    void parsesCurlStylePins() {
        ResolvePin pin = ResolvePin.parse("Example.COM:443:127.0.0.1");
        assertThat(pin).isEqualTo(new ResolvePin("example.com", 443, "127.0.0.1"));
        assertThat(pin.key()).isEqualTo("example.com:443");
    }

    @Test
    void acceptsBracketedAndBareIpv6Addresses() {
        assertThat(ResolvePin.parse("example.com:443:[::1]").address()).isEqualTo("::1");
        assertThat(ResolvePin.parse("example.com:443:::1").address()).isEqualTo("::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:443", ":443:127.0.0.1", "example.com:x:127.0.0.1",
            "example.com:0:127.0.0.1", "example.com:65536:127.0.0.1", "example.com:443:not-an-ip",
            "example.com:443:999.1.1.1", "example.com:443:"})
    void rejectsMalformedPins(String text) {
        assertThatThrownBy(() -> ResolvePin.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must look like HOST:PORT:ADDRESS");
    }
}
