package dev.vantage.probe.load;

import dev.vantage.fixtures.LoopbackDnsServer;
import dev.vantage.probe.load.Ownership.Method;
import dev.vantage.probe.load.Ownership.Verification;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The TXT record name, the pure judgement of recorded TXT strings, and real lookups against a loopback server. */
class DnsTxtVerificationTest {

    static final String TOKEN = Ownership.newToken();
    static final String NAME = "_vantage-verification.owner.test";

    @Nested
    class RecordName {
        @Test
        void isTheLowerCaseHostWithoutTrailingDotUnderTheLabel() {
            assertThat(DnsTxtVerification.recordName(URI.create("https://Owner.TEST.:8443/login?x=1")))
                    .contains(NAME);
        }

        @Test
        void ipLiteralsHaveNone() {
            assertThat(DnsTxtVerification.recordName(URI.create("http://127.0.0.1:8080/"))).isEmpty();
            assertThat(DnsTxtVerification.recordName(URI.create("http://[::1]:8080/"))).isEmpty();
        }
    }

    @Nested
    class Judgement {
        @Test
        void theExactTokenVerifies() {
            Verification v = DnsTxtVerification.judge(NAME, List.of("v=spf1 -all", TOKEN), TOKEN);
            assertThat(v.verified()).isTrue();
            assertThat(v.method()).isEqualTo(Method.DNS_TXT);
            assertThat(v.url()).hasToString("dns:" + NAME + "?type=TXT");
        }

        @Test
        void thePrefixedFormVerifies() {
            assertThat(DnsTxtVerification.judge(NAME, List.of("vantage-verification=" + TOKEN), TOKEN).verified())
                    .isTrue();
        }

        @Test
        void aTokenSplitOverConsecutiveStringsVerifies() {
            List<String> split = List.of("other", TOKEN.substring(0, 20), TOKEN.substring(20, 40),
                    TOKEN.substring(40));
            assertThat(DnsTxtVerification.judge(NAME, split, TOKEN).verified()).isTrue();
        }

        @Test
        void substringsAndSupersetsDoNot() {
            assertThat(DnsTxtVerification.judge(NAME, List.of("x" + TOKEN), TOKEN).verified()).isFalse();
            assertThat(DnsTxtVerification.judge(NAME, List.of(TOKEN + " "), TOKEN).verified()).isFalse();
            assertThat(DnsTxtVerification.judge(NAME, List.of(TOKEN.substring(0, 30)), TOKEN).verified()).isFalse();
        }

        @Test
        void aDifferentTokenIsRefusedShowingWhatWasFound() {
            String other = Ownership.newToken();
            Verification v = DnsTxtVerification.judge(NAME, List.of(other), TOKEN);
            assertThat(v.verified()).isFalse();
            assertThat(v.method()).isEqualTo(Method.NONE);
            assertThat(v.message()).contains("the TXT record at " + NAME + " does not hold the expected token",
                    "\"" + other + "\"", "publish a TXT record at " + NAME + " whose value is " + TOKEN);
        }

        @Test
        void noRecordIsRefused() {
            assertThat(DnsTxtVerification.judge(NAME, List.of(), TOKEN).message())
                    .startsWith("no TXT record at " + NAME + "; publish");
        }

        @Test
        void dnsErrorsAreNamed() {
            assertThat(DnsTxtVerification.failed(NAME, new DnsException(DnsResponseCode.NXDOMAIN), TOKEN).message())
                    .contains("TXT lookup of " + NAME + " failed: NXDOMAIN", "publish a TXT record");
            assertThat(DnsTxtVerification.describe(new DnsException(DnsResponseCode.SERVFAIL)))
                    .isEqualTo("the DNS server answered SERVFAIL");
            assertThat(DnsTxtVerification.describe(new DnsNameResolverTimeoutException(
                    new java.net.InetSocketAddress("127.0.0.1", 53),
                    new DefaultDnsQuestion(NAME, DnsRecordType.TXT), "query timed out")))
                    .startsWith("timeout");
            assertThat(DnsTxtVerification.describe(new java.util.concurrent.TimeoutException("guard")))
                    .startsWith("timeout");
        }
    }

    @Nested
    class AgainstALoopbackServer {
        static final Duration QUERY_TIMEOUT = Duration.ofMillis(400);
        Vertx vertx;
        LoopbackDnsServer dns;
        DnsTxtVerification verifier;

        @BeforeEach
        void start() {
            vertx = Vertx.vertx();
            dns = LoopbackDnsServer.start(vertx);
            verifier = new DnsTxtVerification(vertx, dns.clientOptions(QUERY_TIMEOUT));
        }

        @AfterEach
        void stop() {
            dns.close();
            vertx.close().await();
        }

        Verification verify(String target) throws Exception {
            return verifier.verify(URI.create(target), TOKEN).await(5, TimeUnit.SECONDS);
        }

        @Test
        void theTokenInATxtRecordVerifies() throws Exception {
            dns.txt(NAME, "v=spf1 -all").txt(NAME, TOKEN);
            Verification v = verify("https://Owner.Test/login");
            assertThat(v.verified()).as(v.message()).isTrue();
            assertThat(v.method()).isEqualTo(Method.DNS_TXT);
            assertThat(dns.queried()).containsExactly(NAME);
        }

        @Test
        void aMultiStringRecordIsConcatenated() throws Exception {
            dns.txt(NAME, "vantage-verification=", TOKEN.substring(0, 25), TOKEN.substring(25));
            Verification v = verify("https://owner.test/");
            assertThat(v.verified()).as(v.message()).isTrue();
        }

        @Test
        void aDifferentTokenIsRefused() throws Exception {
            dns.txt(NAME, "vantage-someone-else");
            Verification v = verify("https://owner.test/");
            assertThat(v.verified()).isFalse();
            assertThat(v.message()).contains("does not hold the expected token", "\"vantage-someone-else\"",
                    "whose value is " + TOKEN);
        }

        @Test
        void nxdomainIsRefused() throws Exception {
            Verification v = verify("https://owner.test/");
            assertThat(v.verified()).isFalse();
            assertThat(v.message()).contains("TXT lookup of " + NAME + " failed: NXDOMAIN");
        }

        @Test
        void aNameWithoutTxtIsRefused() throws Exception {
            dns.noData(NAME);
            assertThat(verify("https://owner.test/").message()).startsWith("no TXT record at " + NAME);
        }

        @Test
        void aServerThatNeverAnswersIsRefusedWithinTheTimeout() throws Exception {
            dns.silent(NAME);
            long start = System.nanoTime();
            Verification v = verify("https://owner.test/");
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(v.verified()).isFalse();
            assertThat(v.message()).contains("TXT lookup of " + NAME + " failed: timeout");
            assertThat(elapsedMs).isGreaterThanOrEqualTo(QUERY_TIMEOUT.toMillis() - 50).isLessThan(3_000);
        }

        @Test
        void anIpLiteralTargetIsRefusedWithoutAQuery() throws Exception {
            Verification v = verify("http://127.0.0.1:8080/");
            assertThat(v.verified()).isFalse();
            assertThat(v.message()).contains("not possible for the IP-literal target 127.0.0.1",
                    "serve the well-known file");
            assertThat(dns.queried()).isEmpty();
        }
    }

    @Test
    void byDefaultTheVertxInstancesResolverIsAsked() throws Exception {
        Vertx serverVertx = Vertx.vertx();
        try (LoopbackDnsServer dns = LoopbackDnsServer.start(serverVertx).txt(NAME, TOKEN)) {
            // Without servers in its options Vert.x reads /etc/resolv.conf; a test may only talk to 127.0.0.1.
            Vertx vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(
                    new AddressResolverOptions().addServer("127.0.0.1:" + dns.port())));
            try {
                Verification v = new DnsTxtVerification(vertx).verify(URI.create("https://owner.test/"), TOKEN)
                        .await(5, TimeUnit.SECONDS);
                assertThat(v.verified()).as(v.message()).isTrue();
                assertThat(dns.queried()).containsExactly(NAME);
            } finally {
                vertx.close().await();
            }
        } finally {
            serverVertx.close().await();
        }
    }

    @Test
    void theQueryTimeoutIsCappedAtFiveSeconds() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            DnsTxtVerification verifier = new DnsTxtVerification(vertx,
                    new io.vertx.core.dns.DnsClientOptions().setQueryTimeout(60_000));
            assertThat(verifier.queryTimeoutMillis()).isEqualTo(DnsTxtVerification.MAX_QUERY_TIMEOUT_MS);
        } finally {
            vertx.close().await();
        }
    }
}
