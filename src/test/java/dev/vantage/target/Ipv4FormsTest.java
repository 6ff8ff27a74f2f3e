package dev.vantage.target;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 15: {@code 0177.0.0.1} was read as 177.0.0.1 where curl and browsers read 127.0.0.1. */
class Ipv4FormsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0177.0.0.1|leading zero in '0177', read as octal|127.0.0.1",
            "0x7f.0.0.1|hexadecimal part '0x7f'|127.0.0.1",
            "127.1|fewer or more than four parts|127.0.0.1",
            "2130706433|a single number|127.0.0.1",
            "0x7f000001|a single number|127.0.0.1",
            "10.0.00.1|leading zero in '00', read as octal|10.0.0.1",
            "012.0.0.1.|leading zero in '012', read as octal|10.0.0.1",
            "169.254.43518|fewer or more than four parts|169.254.169.254"})
    void namesTheFormAndWhatBrowsersRead(String host, String form, String reading) {
        assertThat(Ipv4Forms.ambiguity(host)).hasValueSatisfying(message -> assertThat(message)
                .contains("(" + form + ")").contains("browsers and curl read it as " + reading + ";"));
    }

    @Test
    void formsBrowsersRejectAreRefusedToo() {
        assertThat(Ipv4Forms.ambiguity("256.1.1.1")).hasValueSatisfying(m -> assertThat(m)
                .contains("part '256' is not a number from 0 to 255").contains("browsers reject it"));
        assertThat(Ipv4Forms.ambiguity("1.2.3.4.5")).hasValueSatisfying(m -> assertThat(m)
                .contains("browsers reject it"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "0.0.0.0", "255.255.255.255", "example.com", "app1.example.com",
            "localhost", "::1", "1.2.3.example", "0x.example"})
    void plainAddressesAndNamesAreNotAmbiguous(String host) {
        assertThat(Ipv4Forms.ambiguity(host)).isEmpty();
    }

    @Test
    void targetUrlsAndResolvePinsRefuseThem() {
        assertThatThrownBy(() -> TargetUrl.parse("http://0177.0.0.1/"))
                .hasMessageContaining("browsers and curl read it as 127.0.0.1");
        assertThatThrownBy(() -> ResolvePin.parse("example.com:443:0177.0.0.1"))
                .hasMessageContaining("must look like HOST:PORT:ADDRESS")
                .hasMessageContaining("(address '0177.0.0.1' is an ambiguous IPv4 form (leading zero");
    }
}
