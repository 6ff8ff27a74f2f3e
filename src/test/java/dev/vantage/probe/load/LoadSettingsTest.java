package dev.vantage.probe.load;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hard caps: every out-of-range value is refused with a message naming the setting. */
class LoadSettingsTest {

    private static final LoadSettings OK = LoadSettings.of(100, Duration.ofSeconds(10));

    @Test
    void rateAboveTheCapIsRefused() {
        assertThatThrownBy(() -> LoadSettings.of(1001, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("load rate")
                .hasMessageContaining("1000/s");
        assertThatThrownBy(() -> LoadSettings.of(0, Duration.ofSeconds(1))).hasMessageContaining("load rate");
        assertThat(LoadSettings.of(1000, Duration.ofSeconds(60)).rate()).isEqualTo(1000);
    }

    @Test
    void durationWarmupAndTimeoutAreCapped() {
        assertThatThrownBy(() -> LoadSettings.of(10, Duration.ofSeconds(61))).hasMessageContaining("load duration");
        assertThatThrownBy(() -> LoadSettings.of(10, Duration.ZERO)).hasMessageContaining("load duration");
        assertThatThrownBy(() -> OK.withWarmup(Duration.ofSeconds(11))).hasMessageContaining("load warmup");
        assertThatThrownBy(() -> OK.withRequestTimeout(Duration.ofSeconds(11)))
                .hasMessageContaining("load request-timeout");
        assertThat(OK.withWarmup(Duration.ZERO).warmup()).isZero();
    }

    @Test
    void connectionsAndPathsAreCapped() {
        assertThatThrownBy(() -> OK.withConnections(65)).hasMessageContaining("load connections")
                .hasMessageContaining("64");
        assertThatThrownBy(() -> OK.withConnections(0)).hasMessageContaining("load connections");
        assertThatThrownBy(() -> OK.withPaths(List.of())).hasMessageContaining("load paths");
        assertThatThrownBy(() -> OK.withPaths(Collections.nCopies(17, "/"))).hasMessageContaining("load paths");
        assertThatThrownBy(() -> OK.withPaths(List.of("login"))).hasMessageContaining("load path 'login'");
        assertThatThrownBy(() -> OK.withPaths(List.of("/a b"))).hasMessageContaining("load path '/a b'");
    }

    @Test
    void thresholdsAreRatiosAndDurations() {
        assertThatThrownBy(() -> OK.withMaxErrorRatio(1)).hasMessageContaining("load max-errors");
        assertThatThrownBy(() -> OK.withMaxErrorRatio(-0.1)).hasMessageContaining("load max-errors");
        assertThatThrownBy(() -> OK.withStopErrorRatio(0)).hasMessageContaining("load stop-error-ratio");
        assertThatThrownBy(() -> OK.withP95Threshold(Duration.ZERO)).hasMessageContaining("load p95 threshold");
    }

    @Test
    void describeSaysWhatWillBeSent() {
        LoadSettings s = OK.withWarmup(Duration.ofSeconds(2)).withPaths(List.of("/login", "/"));
        assertThat(s.plannedRequests()).isEqualTo(1200);
        assertThat(s.describe(URI.create("https://app.example"))).contains("100 req/s", "10 s", "+2 s warmup",
                "about 1200 GET requests", "https://app.example", "/login, /", "16 connections");
    }
}
