package dev.vantage.check.reliability;

import dev.vantage.check.Verdict;
import dev.vantage.probe.FailureKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static dev.vantage.check.EvidenceFixtures.PAGE;
import static dev.vantage.check.EvidenceFixtures.chain;
import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.failed;
import static dev.vantage.check.EvidenceFixtures.page;
import static dev.vantage.check.EvidenceFixtures.site;
import static dev.vantage.check.EvidenceFixtures.unanswered;
import static dev.vantage.probe.http.RedirectOutcome.BAD_LOCATION;
import static dev.vantage.probe.http.RedirectOutcome.FINAL_RESPONSE;
import static dev.vantage.probe.http.RedirectOutcome.LOOP;
import static dev.vantage.probe.http.RedirectOutcome.TOO_MANY_HOPS;
import static org.assertj.core.api.Assertions.assertThat;

class PageStatusCheckTest {

    private final PageStatusCheck check = new PageStatusCheck();

    @Test
    void successAfterRedirects() {
        var f = check.evaluate(site(chain(FINAL_RESPONSE, exchange(PAGE, 301, "Location", PAGE + "home"),
                exchange(PAGE + "home", 200)), Optional.empty(), Optional.empty()));
        assertThat(f.result()).isEqualTo(PageStatusCheck.OK);
        assertThat(f.observed()).contains("200", "after 1 redirect");
    }

    @Test
    void errorsFail() {
        assertThat(check.evaluate(site(exchange(PAGE, 503))).result()).isEqualTo(PageStatusCheck.SERVER_ERROR);
        assertThat(check.evaluate(site(exchange(PAGE, 404))).result()).isEqualTo(PageStatusCheck.CLIENT_ERROR);
        assertThat(check.evaluate(site(exchange(PAGE, 304))).result()).isEqualTo(PageStatusCheck.UNEXPECTED);
        assertThat(check.evaluate(page()).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void unreachableDescribesTheFailure() {
        var f = check.evaluate(unanswered());
        assertThat(f.result()).isEqualTo(PageStatusCheck.UNREACHABLE);
        assertThat(f.observed()).contains("timeout: no response within 10s");
        var refused = check.evaluate(site(failed(PAGE, FailureKind.REFUSED, "connection refused by 127.0.0.1:443")));
        assertThat(refused.observed()).contains("refused");
    }

    @Test
    void redirectTroubleFails() {
        var loop = chain(LOOP, exchange(PAGE, 302, "Location", PAGE + "a"), exchange(PAGE + "a", 302, "Location", PAGE));
        var looped = check.evaluate(site(loop, Optional.empty(), Optional.empty()));
        assertThat(looped.result()).isEqualTo(PageStatusCheck.LOOP);
        // Issue 15: the message named the last hop ("back to .../a") instead of the URL that came back.
        assertThat(looped.observed()).contains("\"" + PAGE + "a\" redirects back to \"" + PAGE + "\"");
        var many = chain(TOO_MANY_HOPS, exchange(PAGE, 302, "Location", PAGE + "a"));
        assertThat(check.evaluate(site(many, Optional.empty(), Optional.empty())).result())
                .isEqualTo(PageStatusCheck.TOO_MANY);
        var bad = chain(BAD_LOCATION, exchange(PAGE, 302, "Location", "::"));
        assertThat(check.evaluate(site(bad, Optional.empty(), Optional.empty())).result())
                .isEqualTo(PageStatusCheck.BAD_LOCATION);
    }
}
