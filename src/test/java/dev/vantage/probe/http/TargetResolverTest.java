package dev.vantage.probe.http;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.FailureKind;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetResolverTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static TargetResolver.Resolution resolve(Map<String, String> pins, String host, int port) {
        return new TargetResolver(vertx, pins, AddressPolicy.ALLOW_INTERNAL).resolve(host, port).await();
    }

    @Test
    void aBracketedIpv6LiteralNeedsNoLookup() {
        assertThat(resolve(Map.of(), "[::1]", 443).address().orElseThrow().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void aPinAppliesToItsPortOnlyLikeCurl() {
        Map<String, String> pins = Map.of("site.test:443", "127.0.0.2", "v6.test:443", "[::1]");

        assertThat(resolve(pins, "site.test", 443).address().orElseThrow().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(resolve(pins, "v6.test", 443).address()).isPresent();
        assertThat(resolve(pins, "site.test", 80).failure().orElseThrow().kind()).isEqualTo(FailureKind.DNS);
    }

    @Test
    void aPinThatIsNotAnAddressIsReportedAsSuch() {
        assertThat(resolve(Map.of("site.test:443", "elsewhere.test"), "site.test", 443).failure().orElseThrow()
                .message()).contains("not an IP address");
    }

    @Test
    void aPinToTheCloudMetadataAddressIsBlocked() {
        assertThat(resolve(Map.of("site.test:80", "169.254.169.254"), "site.test", 80).failure().orElseThrow()
                .kind()).isEqualTo(FailureKind.BLOCKED_ADDRESS);
    }

    /** Issue 15: a redirect Location reaches the resolver without TargetUrl; no reading of it may be connected to. */
    @Test
    void ambiguousIpv4FormsAreBlockedWhateverThePolicyAllows() {
        for (String host : new String[]{"0177.0.0.1", "0x7f.1", "2130706433", "0251.0376.0251.0376"}) {
            TargetResolver.Resolution resolution = resolve(Map.of(), host, 80);

            assertThat(resolution.address()).as(host).isEmpty();
            assertThat(resolution.failure().orElseThrow().kind()).isEqualTo(FailureKind.BLOCKED_ADDRESS);
            assertThat(resolution.failure().orElseThrow().message()).contains("ambiguous IPv4 form");
        }
        assertThat(resolve(Map.of("site.test:80", "0177.0.0.1"), "site.test", 80).failure().orElseThrow()
                .message()).contains("browsers and curl read it as 127.0.0.1");
    }
}
