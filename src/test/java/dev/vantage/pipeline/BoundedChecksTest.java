package dev.vantage.pipeline;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.EvidenceFixtures;
import dev.vantage.probe.SiteEvidence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15 (2): a check that overruns its budget or throws is one ERROR finding naming it, never a stalled run. */
class BoundedChecksTest {

    final CountDownLatch release = new CountDownLatch(1);
    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() {
        release.countDown();
        pool.shutdownNow();
    }

    static Check check(String id, java.util.function.Function<SiteEvidence, Finding> rule) {
        return new BaseCheck(id, Area.SECURITY, "Test " + id, "ok") {
            @Override
            public Finding evaluate(SiteEvidence evidence) {
                return rule.apply(evidence);
            }
        };
    }

    @Test
    void anOverrunningCheckBecomesAnErrorFindingAndTheOthersStillCount() {
        Check stuck = check("security.stuck", e -> {
            try {
                release.await(); // never released during the evaluation: a scanner that never returns
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        Check fine = check("security.fine", e -> new Finding("security.fine", Area.SECURITY, "Fine", Verdict.PASS,
                "ok", "", ""));
        List<Finding> findings = new BoundedChecks(pool, Duration.ofMillis(100))
                .evaluate(List.of(stuck, fine), EvidenceFixtures.page());

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).checkId()).isEqualTo("security.stuck");
        assertThat(findings.get(0).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(findings.get(0).observed()).contains("did not finish within its budget of 100 ms");
        assertThat(findings.get(1).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aThrowingCheckBecomesAnErrorFindingNamingIt() {
        Check broken = check("security.broken", e -> {
            throw new IllegalStateException("bug");
        });
        List<Finding> findings = new BoundedChecks(pool, Duration.ofSeconds(5))
                .evaluate(List.of(broken), EvidenceFixtures.page());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("security.broken");
            assertThat(f.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(f.observed()).contains("IllegalStateException");
        });
    }

    @Test
    void checksRunOffTheCallersThreadOnThePool() {
        Thread caller = Thread.currentThread();
        Check where = check("security.where", e -> new Finding("security.where", Area.SECURITY, "Where",
                Verdict.INFO, "ok", Thread.currentThread() == caller ? "caller" : "pool", ""));
        assertThat(new BoundedChecks(pool, Duration.ofSeconds(5)).evaluate(List.of(where), EvidenceFixtures.page()))
                .singleElement().extracting(Finding::observed).isEqualTo("pool");
    }
}
