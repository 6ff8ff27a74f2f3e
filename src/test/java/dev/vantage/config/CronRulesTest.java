package dev.vantage.config;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Cron schedules that never fire or fire too often are refused; the instant is fixed, so is the answer. */
class CronRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static Optional<String> problem(String cron) {
        return CronRules.problem(cron, NOW, ZoneOffset.UTC);
    }

    @Test
    void ordinarySchedulesPass() {
        assertThat(problem("0 */5 * * * ?")).isEmpty();
        assertThat(problem("*/5 * * * * ?")).as("exactly the 5 s minimum").isEmpty();
        assertThat(problem("0 0 3 ? * MON-FRI")).isEmpty();
        assertThat(problem("0 0 0 1 1 ?")).as("once a year, next in 10 months").isEmpty();
    }

    @Test
    void anImpossibleDateNeverFires() {
        assertThat(problem("0 0 0 31 2 ?")).get().asString().contains("never fires", "31 February");
    }

    @Test
    void aYearInThePastNeverFires() {
        assertThat(problem("0 0 0 1 1 ? 2020")).get().asString().contains("\"0 0 0 1 1 ? 2020\" never fires");
    }

    @Test
    void aFirstFiringBeyondAYearIsRefused() {
        assertThat(problem("0 0 0 1 1 ? 2030")).get().asString()
                .contains("does not fire within a year", "2030-01-01T00:00:00Z");
        assertThat(CronRules.problem("0 0 0 1 1 ? 2030", Instant.parse("2029-06-01T00:00:00Z"), ZoneOffset.UTC))
                .isEmpty();
        // The rule is "at least once a year", so a leap-day schedule is refused while its next firing is years away.
        assertThat(problem("0 0 0 29 2 ?")).get().asString().contains("2028-02-29T00:00:00Z");
    }

    @Test
    void firingsCloserThanTheMinimumIntervalAreRefused() {
        assertThat(problem("* * * * * ?")).get().asString()
                .contains("fires 1s apart", "2026-03-10T12:00:01Z and 2026-03-10T12:00:02Z", "at least 5s apart");
        assertThat(problem("0/4 * * * * ?")).get().asString().contains("fires 4s apart");
    }

    @Test
    void aCloseDoubleFiringIsFoundWhereverItFallsInTheSample() {
        // Sparse otherwise: only the minute boundary at midnight has firings 1 s apart.
        assertThat(problem("59,0 59,0 23,0 * * ?")).get().asString().contains("fires 1s apart");
        // Once a year, two firings 2 s apart: the sample still reaches it.
        assertThat(problem("0,2 0 0 1 1 ?")).get().asString().contains("fires 2s apart", "2027-01-01T00:00:00Z");
    }

    @Test
    void syntaxErrorsNameTheExpressionAndTheExpectedShape() {
        assertThat(problem("0 0 25 * * ?")).get().asString()
                .contains("\"0 0 25 * * ?\" is not a Quartz cron expression", "sec min hour day month weekday");
        assertThat(CronRules.syntaxProblem("0 0 0 31 2 ?")).as("stored rows: syntax only").isEmpty();
        assertThat(CronRules.syntaxProblem("nope")).isPresent();
    }
}
