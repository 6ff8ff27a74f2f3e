package dev.vantage.probe.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderArgTest {

    @Test
    void splitsAtTheFirstColonAndTrims() {
        assertThat(HeaderArg.parse("Authorization:  Bearer a:b ")).isEqualTo(new Header("Authorization", "Bearer a:b"));
    }

    @Test
    void refusesMissingColonBadNamesInjectionAndManagedHeaders() {
        assertThatThrownBy(() -> HeaderArg.parse("NoColon")).hasMessageContaining("must look like 'Name: value'");
        assertThatThrownBy(() -> HeaderArg.parse("Bad Name: x")).hasMessageContaining("cannot have");
        assertThatThrownBy(() -> HeaderArg.parse("X-A: 1\r\nX-B: 2")).hasMessageContaining("line break");
        assertThatThrownBy(() -> HeaderArg.parse("Host: evil")).hasMessageContaining("managed by the prober");
    }
}
