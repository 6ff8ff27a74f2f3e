package dev.vantage.grade;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObservatoryScoreTest {

    @Test
    void noModifiersIsTheBaseline() {
        assertThat(ObservatoryScore.of(List.of())).isEqualTo(100);
    }

    @Test
    void negativeModifiersAddUp() {
        assertThat(ObservatoryScore.of(List.of(-20, -5, 0, -25))).isEqualTo(50);
    }

    @Test
    void extraCreditCountsWhenTheUncurvedScoreIsExactlyNinety() {
        assertThat(ObservatoryScore.of(List.of(-10, 5, 10))).isEqualTo(105);
    }

    @Test
    void extraCreditIsIgnoredJustBelowNinety() {
        assertThat(ObservatoryScore.of(List.of(-15, 5, 10))).isEqualTo(85);
    }

    @Test
    void extraCreditHasNoUpperCap() {
        assertThat(ObservatoryScore.of(List.of(10, 5, 5, 10, 5, 10))).isEqualTo(145);
    }

    @Test
    void scoreNeverGoesBelowZero() {
        assertThat(ObservatoryScore.of(List.of(-50, -40, -25, -20, 5))).isZero();
    }
}
