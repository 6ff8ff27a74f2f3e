package dev.vantage.console;

import dev.vantage.probe.RunKind;
import dev.vantage.store.ResultSummary;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report card's history charts, from the rows the result repository returns. */
class HistoryChartsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    private static ResultSummary result(int minutes, RunKind kind, String grade, int score) {
        return new ResultSummary(minutes, "shop", T0.plusSeconds(minutes * 60L), true, grade, score, 10, "v", kind);
    }

    @Test
    void theGradeChartShowsAuditsAndGradeChangesNotEveryPulse() {
        List<ResultSummary> newestFirst = List.of(result(30, RunKind.PULSE, "A", 92),
                result(20, RunKind.PULSE, "B", 72), result(10, RunKind.PULSE, "B", 72),
                result(5, RunKind.AUDIT, "B", 72), result(0, RunKind.PULSE, "C", 55));
        Chart chart = HistoryCharts.grades(newestFirst, T0.plusSeconds(3600));
        assertThat(chart.lines()).singleElement().satisfies(line -> {
            assertThat(line.marks()).extracting(Chart.Mark::text).containsExactly(
                    "Nov 29 12:00 UTC, pulse: C (score 55)", "Nov 29 12:05 UTC, audit: B (score 72)",
                    "Nov 29 12:30 UTC, pulse: A (score 92)");
            assertThat(line.marks().get(0).x()).isEqualTo(String.valueOf(Chart.LEFT) + ".0");
            assertThat(line.marks().get(2).y()).as("92 of 100, near the top")
                    .isEqualTo(Chart.num(Chart.BOTTOM - (Chart.BOTTOM - Chart.TOP) * 0.92));
        });
        assertThat(chart.summary()).isEqualTo("score of 3 audits and grade changes since Nov 29 12:00 UTC, from 55 "
                + "to 92; now A (score 92)");
        assertThat(chart.yTicks()).extracting(Chart.Tick::text).containsExactly("0", "50", "100");
        assertThat(chart.xTicks()).extracting(Chart.Tick::text).containsExactly("Nov 29 12:00", "now");
    }

    @Test
    void theLatencyChartDrawsTotalAndTimeToFirstByteOldestFirstOnARoundScale() {
        List<Map<String, Duration>> newestFirst = List.of(
                Map.of("total", Duration.ofMillis(130), "processing", Duration.ofMillis(90)),
                Map.of("total", Duration.ofMillis(40), "processing", Duration.ofMillis(20)));
        Chart chart = HistoryCharts.latency(newestFirst);
        assertThat(chart.lines()).extracting(Chart.Line::name).containsExactly("total", "time to first byte");
        assertThat(chart.lines().get(0).points()).as("oldest (40 ms) left, newest (130 ms) right; axis to 200 ms")
                .isEqualTo(Chart.LEFT + ".0," + Chart.num(Chart.BOTTOM - (Chart.BOTTOM - Chart.TOP) * 0.2) + " "
                        + Chart.RIGHT + ".0," + Chart.num(Chart.BOTTOM - (Chart.BOTTOM - Chart.TOP) * 0.65));
        assertThat(chart.yTicks()).extracting(Chart.Tick::text).containsExactly("0", "100", "200");
        assertThat(chart.summary()).contains("2 answered runs", "from 40 to 130 ms", "from 20 to 90 ms");
    }

    @Test
    void aNewTargetsFirstRunsAreSpreadOverAnHourAtLeast() {
        Chart chart = HistoryCharts.grades(List.of(result(1, RunKind.AUDIT, "B", 72), result(0, RunKind.PULSE, "C",
                55)), T0.plusSeconds(120));
        assertThat(chart.xTicks()).extracting(Chart.Tick::text).containsExactly("Nov 29 11:02", "now");
        assertThat(chart.lines().get(0).marks()).extracting(Chart.Mark::x).doesNotContain(Chart.LEFT + ".0");
        assertThat(chart.summary()).contains("since Nov 29 12:00 UTC");
    }

    @Test
    void withoutDataAChartSaysSoInsteadOfDrawingAnEmptyBox() {
        assertThat(HistoryCharts.grades(List.of(), T0).isEmpty()).isTrue();
        assertThat(HistoryCharts.latency(List.of()).summary()).isEqualTo("no answered run in the last 24 hours");
    }

    @Test
    void axisTopsAreRoundNumbers() {
        assertThat(HistoryCharts.niceCeiling(130)).isEqualTo(200);
        assertThat(HistoryCharts.niceCeiling(4.2)).isEqualTo(5);
        assertThat(HistoryCharts.niceCeiling(1000)).isEqualTo(1000);
        assertThat(HistoryCharts.niceCeiling(0)).isEqualTo(1);
    }
}
