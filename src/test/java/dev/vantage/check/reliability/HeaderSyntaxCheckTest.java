package dev.vantage.check.reliability;

import dev.vantage.check.EvidenceFixtures;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpResponseEvidence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15: a header with control bytes is a graded finding, not a page that is "not an HTTP response". */
class HeaderSyntaxCheckTest {

    final HeaderSyntaxCheck check = new HeaderSyntaxCheck();

    @Test
    void validHeadersPass() {
        assertThat(check.evaluate(EvidenceFixtures.page("X-Ok", "1")).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aControlByteInAValueIsAFailureQuotingTheLine() {
        HttpExchange ok = EvidenceFixtures.exchange(EvidenceFixtures.PAGE, 200);
        HttpResponseEvidence r = ok.response().orElseThrow();
        HttpResponseEvidence bad = new HttpResponseEvidence(r.status(), r.reason(), r.httpVersion(), Headers.EMPTY,
                r.body(), r.bodyBytes(), r.bodyTruncated(), List.of("X-Evil: a\u0001b"));
        HttpExchange exchange = new HttpExchange(ok.request(), ok.remoteAddress(), ok.timings(), ok.tls(),
                java.util.Optional.of(bad), ok.failure());
        Finding f = check.evaluate(EvidenceFixtures.site(exchange));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.result()).isEqualTo(HeaderSyntaxCheck.INVALID);
        assertThat(f.observed()).contains("X-Evil").doesNotContain("\u0001");
    }
}
