package dev.vantage.probe.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitSettingsTest {

    @Test
    void defaultsAreFiftyRequestsAtTwentyPerSecondForTenSeconds() {
        RateLimitSettings s = RateLimitSettings.of("/login");

        assertThat(s.maxRequests()).isEqualTo(50);
        assertThat(s.maxRate()).isEqualTo(20);
        assertThat(s.maxDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.method()).isEqualTo("GET");
        assertThat(s.intervalMillis()).isEqualTo(50);
    }

    @Test
    void hardCapsCannotBeRaisedAndErrorsNameTheSetting() {
        assertThatThrownBy(() -> RateLimitSettings.of("/x").withMaxRequests(501))
                .hasMessage("rate-limit max-requests 501 must be between 1 and 500");
        assertThatThrownBy(() -> RateLimitSettings.of("/x").withMaxRate(101)).hasMessageContaining("max-rate");
        assertThatThrownBy(() -> RateLimitSettings.of("/x").withMaxDuration(Duration.ofMinutes(2)))
                .hasMessageContaining("max-duration");
        assertThatThrownBy(() -> RateLimitSettings.of("login")).hasMessageContaining("must start with /");
        assertThatThrownBy(() -> RateLimitSettings.of("/a b")).hasMessageContaining("must start with /");
        assertThatThrownBy(() -> RateLimitSettings.of("/x").withMethod("DELETE"))
                .hasMessageContaining("method 'DELETE'");
        assertThat(RateLimitSettings.of("/x").withMaxRequests(500).withMethod("post").method()).isEqualTo("POST");
    }
}
