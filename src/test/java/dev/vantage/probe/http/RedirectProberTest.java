package dev.vantage.probe.http;

import dev.vantage.fixtures.LoopbackSite;
import dev.vantage.fixtures.ProbeBed;
import dev.vantage.fixtures.TestPki.LeafSpec;
import dev.vantage.probe.Deadline;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.ProbeOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Redirect walks against loopback sites: one nested scenario per kind of chain. */
class RedirectProberTest {

    @RegisterExtension
    static final ProbeBed bed = new ProbeBed("Vantage Redirect Root");

    static ProbeOptions options() {
        return bed.options();
    }

    static RedirectChain follow(ProbeOptions options, URI start) throws Exception {
        return follow(options, start, dev.vantage.probe.AddressPolicy::isPublic);
    }

    static RedirectChain follow(ProbeOptions options, URI start, java.util.function.Predicate<java.net.InetAddress>
            isPublic) throws Exception {
        HttpProber http = new HttpProber(bed.vertx(), options);
        try {
            return new RedirectProber(http, isPublic).follow(HttpRequestSpec.get(start), Deadline.in(options.timeout()))
                    .await(30, TimeUnit.SECONDS);
        } finally {
            http.close().await();
        }
    }

    static int status(HttpExchange exchange) {
        return exchange.response().orElseThrow().status();
    }

    @Nested
    class PermanentVersusTemporary {
        @Test
        void a301IsFollowedToTheFinalPageAndRecorded() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().redirect("/", 301, "/home").page("/home", 200, "home")
                    .start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FINAL_RESPONSE);
                assertThat(chain.hops()).extracting(RedirectProberTest::status).containsExactly(301, 200);
                assertThat(chain.last().request().url()).isEqualTo(site.url("/home"));
                assertThat(chain.redirects()).isEqualTo(1);
            }
        }

        @Test
        void a302IsFollowedButItsStatusKeptForTheChecks() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().redirect("/", 302, "/home").start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/"));

                assertThat(chain.hops()).extracting(RedirectProberTest::status).containsExactly(302, 200);
            }
        }

        @Test
        void aRelativeLocationResolvesAgainstTheCurrentUrl() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().redirect("/dir/start", 307, "next?x=1").start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/dir/start"));

                assertThat(chain.last().request().url()).isEqualTo(site.url("/dir/next?x=1"));
            }
        }
    }

    @Nested
    class ChainsThatEndBadly {
        @Test
        void aLoopIsDetectedWhenAUrlComesBack() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().redirect("/a", 302, "/b").redirect("/b", 302, "/a")
                    .start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/a"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.LOOP);
                assertThat(chain.hops()).hasSize(2);
                assertThat(chain.next()).as("the URL that came back").contains(site.url("/a"));
                assertThat(site.requests()).isEqualTo(2);
            }
        }

        @Test
        void theHopCapCutsALongChain() throws Exception {
            LoopbackSite.Builder builder = LoopbackSite.http();
            for (int i = 0; i < 20; i++) {
                builder.redirect("/r" + i, 301, "/r" + (i + 1));
            }
            try (LoopbackSite site = builder.start(bed.vertx())) {
                RedirectChain chain = follow(options().withMaxRedirects(3), site.url("/r0"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.TOO_MANY_HOPS);
                assertThat(chain.redirects()).isEqualTo(3);
                assertThat(site.requests()).isEqualTo(4);
            }
        }

        @Test
        void aRedirectWithoutLocationIsABadLocation() throws Exception {
            try (LoopbackSite site = LoopbackSite.http()
                    .route("/", (v, req) -> req.response().setStatusCode(302).end()).start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.BAD_LOCATION);
                assertThat(chain.hops()).hasSize(1);
            }
        }

        @Test
        void aLocationToAnotherSchemeIsNotFollowed() throws Exception {
            try (LoopbackSite site = LoopbackSite.http().redirect("/", 301, "ftp://files.vantage.test/")
                    .start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.BAD_LOCATION);
            }
        }

        @Test
        void aFailedHopEndsTheChainWithItsFailure() throws Exception {
            String dead = "http://127.0.0.1:" + LoopbackSite.refusedPort() + "/";
            try (LoopbackSite site = LoopbackSite.http().redirect("/", 301, dead).start(bed.vertx())) {
                RedirectChain chain = follow(options(), site.url("/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FAILED);
                assertThat(chain.last().failure().orElseThrow().kind()).isEqualTo(FailureKind.REFUSED);
            }
        }
    }

    @Nested
    class HopsAcrossSchemesAndHosts {
        @Test
        void aDowngradeHopFromHttpsToHttpIsWalkedAndVisible() throws Exception {
            try (LoopbackSite plain = LoopbackSite.http().page("/plain", 200, "plain").start(bed.vertx());
                 LoopbackSite secure = LoopbackSite.https(bed.pki().issue(LeafSpec.localhost()))
                         .redirect("/", 301, plain.url("/plain").toString()).start(bed.vertx())) {
                RedirectChain chain = follow(options(), secure.url("/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FINAL_RESPONSE);
                assertThat(chain.hops()).extracting(HttpExchange::isHttps).containsExactly(true, false);
                assertThat(chain.first().tls()).isPresent();
                assertThat(chain.last().tls()).isEmpty();
            }
        }

        @Test
        void aCrossHostHopGoesToTheOtherNameThroughItsPin() throws Exception {
            try (LoopbackSite target = LoopbackSite.http().page("/", 200, "www").start(bed.vertx());
                 LoopbackSite apex = LoopbackSite.http()
                         .redirect("/", 301, target.url("www.vantage.test", "/").toString()).start(bed.vertx())) {
                ProbeOptions pinned = options().withResolve(Map.ofEntries(apex.pin("vantage.test"),
                        target.pin("www.vantage.test")));

                RedirectChain chain = follow(pinned, apex.url("vantage.test", "/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FINAL_RESPONSE);
                assertThat(chain.hops()).extracting(h -> h.request().url().getHost())
                        .containsExactly("vantage.test", "www.vantage.test");
                assertThat(target.requests()).isEqualTo(1);
            }
        }
    }

    /**
     * Issue 15: {@code check} followed a public site's redirect to 10.0.0.1. Only loopback traffic here: the first
     * hop is a loopback site the prober is told to see as public, redirecting to a second loopback site by name.
     */
    @Nested
    class InwardRedirects {
        private static final java.util.function.Predicate<java.net.InetAddress> EVERY_HOP_PUBLIC = a -> true;

        @Test
        void aRedirectFromAPublicAddressIntoLoopbackIsRefusedAsEvidenceAndNeverSent() throws Exception {
            try (LoopbackSite inside = LoopbackSite.http().start(bed.vertx());
                 LoopbackSite outside = LoopbackSite.http().redirect("/", 302,
                         inside.url("inside.vantage.test", "/admin").toString()).start(bed.vertx())) {
                ProbeOptions oneShot = options().withAddressPolicy(dev.vantage.probe.AddressPolicy.ONE_SHOT)
                        .withResolve(Map.ofEntries(outside.pin("www.vantage.test"), inside.pin("inside.vantage.test")));

                RedirectChain chain = follow(oneShot, outside.url("www.vantage.test", "/"), EVERY_HOP_PUBLIC);

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FAILED);
                assertThat(chain.hops()).hasSize(2);
                assertThat(chain.last().failure().orElseThrow().kind()).isEqualTo(FailureKind.BLOCKED_ADDRESS);
                assertThat(chain.last().failure().orElseThrow().message()).isEqualTo("refused to follow a redirect "
                        + "from the public address 127.0.0.1 into the loopback address 127.0.0.1: a public site may "
                        + "not steer the probe into internal networks (check --allow-private allows it)");
                assertThat(inside.requests()).isZero();
            }
        }

        @Test
        void allowPrivateFollowsIt() throws Exception {
            try (LoopbackSite inside = LoopbackSite.http().start(bed.vertx());
                 LoopbackSite outside = LoopbackSite.http().redirect("/", 302, inside.url("/").toString())
                         .start(bed.vertx())) {
                ProbeOptions allowPrivate = options().withAddressPolicy(dev.vantage.probe.AddressPolicy.ALLOW_INTERNAL);

                RedirectChain chain = follow(allowPrivate, outside.url("/"), EVERY_HOP_PUBLIC);

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FINAL_RESPONSE);
                assertThat(inside.requests()).isEqualTo(1);
            }
        }

        @Test
        void aTargetGivenAsAnInternalAddressMayRedirectWithinTheInside() throws Exception {
            try (LoopbackSite inside = LoopbackSite.http().start(bed.vertx());
                 LoopbackSite outside = LoopbackSite.http().redirect("/", 302, inside.url("/").toString())
                         .start(bed.vertx())) {
                ProbeOptions oneShot = options().withAddressPolicy(dev.vantage.probe.AddressPolicy.ONE_SHOT);

                RedirectChain chain = follow(oneShot, outside.url("/"));

                assertThat(chain.outcome()).isEqualTo(RedirectOutcome.FINAL_RESPONSE);
                assertThat(inside.requests()).isEqualTo(1);
            }
        }
    }
}
