package dev.vantage.target;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void parsesEveryUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse(" 2h ")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void rejectsUnitlessNegativeAndUnknownForms() {
        for (String bad : new String[]{"10", "-5s", "5x", "1.5s", "", "s"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).hasMessageContaining("is not a duration like");
        }
    }

    @Test
    void formatsBackToTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Durations.format(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(Durations.tryParse("5x")).isEmpty();
    }
}
