package dev.vantage.incident;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UptimeRefreshTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void firstReportThenEveryFiveMinutesOrAtOnceOnATransition() {
        UptimeRefresh refresh = new UptimeRefresh();
        assertThat(refresh.due("shop", T0, false)).as("first report").isTrue();
        assertThat(refresh.due("shop", T0.plusSeconds(60), false)).isFalse();
        assertThat(refresh.due("blog", T0.plusSeconds(60), false)).as("per target").isTrue();
        assertThat(refresh.due("shop", T0.plusSeconds(120), true)).as("an incident opened or resolved").isTrue();
        assertThat(refresh.due("shop", T0.plusSeconds(120).plus(UptimeRefresh.EVERY).minusMillis(1), false))
                .isFalse();
        assertThat(refresh.due("shop", T0.plusSeconds(120).plus(UptimeRefresh.EVERY), false)).isTrue();
        assertThat(refresh.due("shop", T0, false)).as("the clock went back").isTrue();
        refresh.forget("shop");
        assertThat(refresh.due("shop", T0.plusSeconds(1), false)).as("a deleted and re-added target").isTrue();
    }
}
