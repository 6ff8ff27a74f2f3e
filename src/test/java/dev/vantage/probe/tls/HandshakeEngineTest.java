package dev.vantage.probe.tls;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeEngineTest {

    @Test
    void boringSslWhenItLoadsTheJdkWhenItDoesNotOrWhenAskedFor() {
        assertThat(HandshakeEngine.choose(null, true)).isEqualTo(HandshakeEngine.BORINGSSL);
        assertThat(HandshakeEngine.choose(null, false)).isEqualTo(HandshakeEngine.JDK);
        assertThat(HandshakeEngine.choose("JDK", true)).isEqualTo(HandshakeEngine.JDK);
        assertThat(HandshakeEngine.choose("boringssl", true)).isEqualTo(HandshakeEngine.BORINGSSL);
    }

    @Test
    void eachEngineSelectsItsVertxOptions() {
        assertThat(HandshakeEngine.BORINGSSL.options()).isInstanceOf(OpenSSLEngineOptions.class);
        assertThat(HandshakeEngine.JDK.options()).isInstanceOf(JdkSSLEngineOptions.class);
    }
}
