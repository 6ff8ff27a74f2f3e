package dev.vantage.grade;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.FailureKind;
import dev.vantage.probe.PhaseTimings;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.HttpResponseEvidence;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.http.RedirectOutcome;
import dev.vantage.report.Report;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GraderTest {

    static final URI TARGET = URI.create("https://site.test/");
    static final Instant STARTED = Instant.parse("2026-11-25T12:00:00Z");

    /** Results priced like the Observatory's, plus a few caps; names are made up for the test. */
    static final ScoringTable TABLE = new ScoringTable("test-7", Map.ofEntries(
            Map.entry("ok", 0),
            Map.entry("minus-5", -5),
            Map.entry("minus-10", -10),
            Map.entry("minus-20", -20),
            Map.entry("minus-25", -25),
            Map.entry("minus-50", -50),
            Map.entry("plus-5", 5),
            Map.entry("plus-10", 10),
            Map.entry("certificate-not-trusted", -20),
            Map.entry("certificate-expired", 0),
            Map.entry("hsts-weak", 0)),
            Map.of("certificate-not-trusted", Grade.C, "certificate-expired", Grade.F, "hsts-weak", Grade.B));

    static final Grader GRADER = new Grader(TABLE);

    static Finding finding(String id, Area area, Verdict verdict, String result) {
        return new Finding(id, area, "Title of " + id, verdict, result, "observed " + result, "fix " + id);
    }

    static Finding security(String id, Verdict verdict, String result) {
        return finding("security." + id, Area.SECURITY, verdict, result);
    }

    static SiteEvidence answered() {
        HttpRequestSpec request = HttpRequestSpec.get(TARGET);
        HttpResponseEvidence response = new HttpResponseEvidence(200, "OK", "HTTP/1.1", Headers.EMPTY, "", 0, false);
        HttpExchange exchange = new HttpExchange(request, Optional.of("127.0.0.1"), PhaseTimings.NONE,
                Optional.empty(), Optional.of(response), Optional.empty());
        return evidence(exchange, RedirectOutcome.FINAL_RESPONSE);
    }

    static SiteEvidence refused() {
        HttpExchange exchange = HttpExchange.failed(HttpRequestSpec.get(TARGET), PhaseTimings.NONE,
                new ProbeFailure(FailureKind.REFUSED, "connection refused by 127.0.0.1:443"));
        return evidence(exchange, RedirectOutcome.FAILED);
    }

    static SiteEvidence evidence(HttpExchange exchange, RedirectOutcome outcome) {
        return new SiteEvidence(TARGET, STARTED, Duration.ofMillis(1234), new RedirectChain(List.of(exchange), outcome),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Report grade(Finding... findings) {
        return report(answered(), List.of(findings));
    }

    static Report report(SiteEvidence evidence, List<Finding> findings) {
        return Report.of(evidence, GRADER.grade(evidence, findings));
    }

    @Nested
    class OverallScore {

        @Test
        void noFindingsKeepsTheBaselineOfOneHundred() {
            Report report = grade();
            assertThat(report.score()).isEqualTo(100);
            assertThat(report.grade()).isEqualTo(Grade.A_PLUS);
        }

        @Test
        void everyNegativeModifierIsSubtractedAcrossAreas() {
            Report report = grade(
                    security("csp", Verdict.FAIL, "minus-25"),
                    security("hsts", Verdict.FAIL, "minus-20"),
                    finding("reliability.not-found", Area.RELIABILITY, Verdict.WARN, "minus-5"),
                    security("xcto", Verdict.PASS, "ok"));
            assertThat(report.score()).isEqualTo(50);
            assertThat(report.grade()).isEqualTo(Grade.C);
        }

        @Test
        void extraCreditCountsFromNinety() {
            Report report = grade(security("xcto", Verdict.FAIL, "minus-10"), security("csp", Verdict.PASS, "plus-10"),
                    security("cookies", Verdict.PASS, "plus-5"));
            assertThat(report.score()).isEqualTo(105);
            assertThat(report.grade()).isEqualTo(Grade.A_PLUS);
        }

        @Test
        void extraCreditIsWithheldBelowNinety() {
            Report report = grade(security("xcto", Verdict.FAIL, "minus-10"),
                    security("xfo", Verdict.WARN, "minus-5"), security("csp", Verdict.PASS, "plus-10"));
            assertThat(report.score()).isEqualTo(85);
            assertThat(report.grade()).isEqualTo(Grade.A_MINUS);
        }

        @Test
        void scoreIsFlooredAtZero() {
            Report report = grade(security("a", Verdict.FAIL, "minus-50"), security("b", Verdict.FAIL, "minus-50"),
                    security("c", Verdict.FAIL, "minus-25"));
            assertThat(report.score()).isZero();
            assertThat(report.grade()).isEqualTo(Grade.F);
        }

        @Test
        void unknownResultsAreWorthNothing() {
            assertThat(grade(security("new", Verdict.FAIL, "not-in-the-table")).score()).isEqualTo(100);
        }

        @Test
        void reportCarriesTargetTimesAndTableVersion() {
            Report report = grade();
            assertThat(report.target()).isEqualTo(TARGET);
            assertThat(report.startedAt()).isEqualTo(STARTED);
            assertThat(report.took()).isEqualTo(Duration.ofMillis(1234));
            assertThat(report.scoringVersion()).isEqualTo("test-7");
            assertThat(report.unreachable()).isEmpty();
        }
    }

    @Nested
    class Letters {

        @ParameterizedTest(name = "score {0} is {1}")
        @CsvSource({
                "145,A+", "100,A+", "99,A", "90,A", "89,A-", "85,A-", "84,B+", "80,B+", "79,B", "70,B", "69,B-",
                "65,B-", "64,C+", "60,C+", "59,C", "50,C", "49,C-", "45,C-", "44,D+", "40,D+", "39,D", "30,D",
                "29,D-", "25,D-", "24,F", "0,F"})
        void everyBoundaryOfTheObservatoryChart(int score, String letter) {
            assertThat(Grade.forScore(score).letter()).isEqualTo(letter);
        }

        @ParameterizedTest(name = "{0} five-point penalties give {1}")
        @CsvSource({"0,A+", "1,A", "2,A", "3,A-", "4,B+", "6,B", "7,B-", "8,C+", "10,C", "11,C-", "12,D+", "14,D",
                "15,D-", "16,F"})
        void gradesFollowTheScoreThroughTheGrader(int penalties, String letter) {
            Finding[] findings = new Finding[penalties];
            for (int i = 0; i < penalties; i++) {
                findings[i] = security("check-" + i, Verdict.WARN, "minus-5");
            }
            assertThat(grade(findings).grade().letter()).isEqualTo(letter);
        }
    }

    @Nested
    class Caps {

        @Test
        void aCapLowersTheGradeButNotTheScore() {
            Report report = grade(security("certificate", Verdict.FAIL, "certificate-expired"));
            assertThat(report.score()).isEqualTo(100);
            assertThat(report.grade()).isEqualTo(Grade.F);
            assertThat(report.capsApplied())
                    .containsExactly("security.certificate: certificate expired caps the grade at F");
        }

        @Test
        void theLowestCapWinsAndIsListedFirst() {
            Report report = grade(security("hsts", Verdict.WARN, "hsts-weak"),
                    security("certificate", Verdict.FAIL, "certificate-not-trusted"));
            assertThat(report.score()).isEqualTo(80);
            assertThat(report.grade()).isEqualTo(Grade.C);
            assertThat(report.capsApplied()).containsExactly(
                    "security.certificate: certificate not trusted caps the grade at C",
                    "security.hsts: hsts weak caps the grade at B");
        }

        @Test
        void aCapAboveTheScoreGradeChangesNothing() {
            Report report = grade(security("hsts", Verdict.WARN, "hsts-weak"),
                    security("csp", Verdict.FAIL, "minus-50"));
            assertThat(report.grade()).isEqualTo(Grade.C);
            assertThat(report.capsApplied()).containsExactly("security.hsts: hsts weak caps the grade at B");
        }

        @Test
        void capsAlsoApplyToTheAreaOfTheirFinding() {
            Report report = grade(security("certificate", Verdict.FAIL, "certificate-expired"),
                    finding("reliability.not-found", Area.RELIABILITY, Verdict.PASS, "ok"));
            assertThat(area(report, Area.SECURITY).grade()).contains(Grade.F);
            assertThat(area(report, Area.RELIABILITY).grade()).contains(Grade.A_PLUS);
        }

        @Test
        void noCapsNoSentences() {
            assertThat(grade(security("csp", Verdict.FAIL, "minus-25")).capsApplied()).isEmpty();
        }
    }

    @Nested
    class Unreachable {

        @Test
        void aFinalPageWithoutResponseMakesTheReportUnreachableAndF() {
            Report report = report(refused(), List.of(security("hsts", Verdict.NOT_APPLICABLE, "ok")));
            assertThat(report.unreachable()).map(ProbeFailure::kind).contains(FailureKind.REFUSED);
            assertThat(report.grade()).isEqualTo(Grade.F);
            assertThat(report.score()).isZero();
        }

        @Test
        void anUnreachableSiteHasNoSecurityGradeEvenWhenAFindingPassed() {
            Report report = report(refused(), List.of(security("redirect", Verdict.PASS, "ok")));
            assertThat(area(report, Area.SECURITY).status()).isEqualTo(AreaReport.Status.NOT_MEASURED);
            assertThat(area(report, Area.SECURITY).grade()).isEmpty();
        }

        @Test
        void aResponseCutShortByAResetIsStillReachable() {
            HttpResponseEvidence partial =
                    new HttpResponseEvidence(200, "OK", "HTTP/1.1", Headers.EMPTY, "", 10, false);
            HttpExchange exchange = new HttpExchange(HttpRequestSpec.get(TARGET), Optional.empty(), PhaseTimings.NONE,
                    Optional.empty(), Optional.of(partial),
                    Optional.of(new ProbeFailure(FailureKind.RESET, "connection reset mid-body")));
            Report report = report(evidence(exchange, RedirectOutcome.FINAL_RESPONSE), List.of());
            assertThat(report.unreachable()).isEmpty();
            assertThat(report.grade()).isEqualTo(Grade.A_PLUS);
        }
    }

    @Nested
    class Areas {

        @Test
        void everyAreaIsReportedInDeclarationOrder() {
            assertThat(grade().areas()).extracting(AreaReport::area).containsExactly(Area.values());
        }

        @Test
        void areasInvisibleFromOutsideAreNotGradedFromOutside() {
            Report report = grade(finding("maintainability.x", Area.MAINTAINABILITY, Verdict.FAIL, "minus-50"));
            for (Area a : List.of(Area.DATA_AND_RECOVERY, Area.MAINTAINABILITY, Area.LAUNCH_READINESS)) {
                assertThat(area(report, a).status()).isEqualTo(AreaReport.Status.NOT_GRADED_FROM_OUTSIDE);
                assertThat(area(report, a).grade()).isEmpty();
                assertThat(area(report, a).score()).isEmpty();
            }
        }

        @Test
        void observableAreasWithoutFindingsAreNotMeasured() {
            Report report = grade(security("csp", Verdict.FAIL, "minus-25"));
            assertThat(area(report, Area.OBSERVABILITY).status()).isEqualTo(AreaReport.Status.NOT_MEASURED);
            assertThat(area(report, Area.OBSERVABILITY).grade()).isEmpty();
        }

        @Test
        void onlyInformationalOrNotApplicableFindingsDoNotEarnAGrade() {
            Report report = grade(finding("performance.compression", Area.PERFORMANCE, Verdict.INFO, "ok"),
                    finding("performance.caching", Area.PERFORMANCE, Verdict.NOT_APPLICABLE, "ok"),
                    finding("performance.broken", Area.PERFORMANCE, Verdict.ERROR, "ok"));
            assertThat(area(report, Area.PERFORMANCE).status()).isEqualTo(AreaReport.Status.NOT_MEASURED);
        }

        @Test
        void anInformationalFindingWithAModifierDoesEarnAGrade() {
            Report report = grade(finding("performance.compression", Area.PERFORMANCE, Verdict.INFO, "minus-5"));
            assertThat(area(report, Area.PERFORMANCE).status()).isEqualTo(AreaReport.Status.GRADED);
            assertThat(area(report, Area.PERFORMANCE).score()).contains(95);
        }

        @Test
        void eachAreaIsScoredOnItsOwnFindings() {
            Report report = grade(security("csp", Verdict.FAIL, "minus-25"),
                    security("cookies", Verdict.PASS, "plus-5"),
                    finding("reliability.trace", Area.RELIABILITY, Verdict.PASS, "plus-5"));
            assertThat(area(report, Area.SECURITY).score()).contains(75);
            assertThat(area(report, Area.SECURITY).grade()).contains(Grade.B);
            assertThat(area(report, Area.RELIABILITY).score()).contains(105);
            assertThat(area(report, Area.RELIABILITY).status()).isEqualTo(AreaReport.Status.GRADED);
            assertThat(report.score()).isEqualTo(75);
        }
    }

    @Nested
    class Ordering {

        @Test
        void findingsAreScoredAndSortedWorstFirst() {
            Report report = grade(
                    security("b-pass", Verdict.PASS, "ok"),
                    security("na", Verdict.NOT_APPLICABLE, "ok"),
                    security("warn", Verdict.WARN, "minus-5"),
                    security("z-fail-small", Verdict.FAIL, "minus-5"),
                    security("info", Verdict.INFO, "ok"),
                    security("error", Verdict.ERROR, "ok"),
                    security("a-pass", Verdict.PASS, "plus-5"),
                    security("a-fail-small", Verdict.FAIL, "minus-5"),
                    security("fail-big", Verdict.FAIL, "minus-25"));
            assertThat(report.findings()).extracting(s -> s.finding().checkId()).containsExactly(
                    "security.fail-big", "security.a-fail-small", "security.z-fail-small", "security.error",
                    "security.warn", "security.b-pass", "security.a-pass", "security.info", "security.na");
            assertThat(report.findings()).extracting(ScoredFinding::modifier)
                    .containsExactly(-25, -5, -5, 0, -5, 0, 5, 0, 0);
        }
    }

    static AreaReport area(Report report, Area area) {
        return report.areas().stream().filter(a -> a.area() == area).findFirst().orElseThrow();
    }
}
