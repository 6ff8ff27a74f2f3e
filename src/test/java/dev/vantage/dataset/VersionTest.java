package dev.vantage.dataset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** retire.js's version order, which the dataset's ranges are written against. */
class VersionTest {

    @ParameterizedTest
    @CsvSource({
        "1.8.3, 1.9.0, -1",
        "1.10.0, 1.9.0, 1",
        "3.5.0, 3.5, 0",
        "1.9.0, 1.9.0b1, 1",
        "1.9.0-rc1, 1.9.0, -1",
        "2.0.0-beta.2, 2.0.0-beta.10, -1",
        "99999999999, 1, 1"
    })
    void comparesLikeRetireJs(String a, String b, int sign) {
        assertThat(Integer.signum(Version.compare(a, b))).isEqualTo(sign);
        assertThat(Integer.signum(Version.compare(b, a))).isEqualTo(-sign);
    }
}
