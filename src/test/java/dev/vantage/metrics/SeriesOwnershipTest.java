package dev.vantage.metrics;

import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.grade.Grade;
import dev.vantage.service.SampleReports;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 11: Prometheus scraping every node of a cluster sees each target's gauges on exactly one node. */
class SeriesOwnershipTest {

    private final Map<String, String> stored = new HashMap<>();
    private final List<String> live = new ArrayList<>(List.of("node-a", "node-b", "node-c"));

    private record Node(PrometheusMeterRegistry registry, ProbeMetrics metrics, SeriesOwnership ownership) {
    }

    private Node node(String id, List<String> liveView) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProbeMetrics metrics = new ProbeMetrics(registry, Optional.of(id));
        return new Node(registry, metrics, new SeriesOwnership(metrics, id, () -> List.copyOf(liveView),
                () -> Map.copyOf(stored)));
    }

    private void storeResult(String name, Grade grade) {
        TargetSpec spec = TargetSpec.of(name, URI.create("http://" + name + ".example/"),
                Schedule.every(Duration.ofMinutes(1)));
        stored.put(name, ProbeMetrics.series(spec, SampleReports.graded(spec.url(), Instant.now(), grade, 80))
                .toJson());
    }

    private static long exported(Node n, String target) {
        return n.registry().scrape().lines().filter(l -> l.startsWith("probe_success{")
                && l.contains("target=\"" + target + "\"")).count();
    }

    @Test
    void eachTargetIsExportedByExactlyOneLiveNodeAndADeadNodesShareMoves() {
        IntStream.range(0, 30).forEach(i -> storeResult("t" + i, Grade.B));
        List<Node> nodes = List.of(node("node-a", live), node("node-b", live), node("node-c", live));
        nodes.forEach(n -> n.ownership().refresh());
        for (int i = 0; i < 30; i++) {
            String t = "t" + i;
            assertThat(nodes.stream().mapToLong(n -> exported(n, t)).sum()).as(t).isEqualTo(1);
        }
        assertThat(nodes).as("every node exports a share").allSatisfy(n -> assertThat(n.metrics().shown()).isNotEmpty());

        Map<String, TargetSeries> keptByA = nodes.get(0).metrics().shown();
        live.remove("node-c");
        nodes.subList(0, 2).forEach(n -> n.ownership().refresh());
        for (int i = 0; i < 30; i++) {
            String t = "t" + i;
            assertThat(exported(nodes.get(0), t) + exported(nodes.get(1), t)).as(t).isEqualTo(1);
        }
        assertThat(nodes.get(0).metrics().shown()).as("a survivor keeps its own targets")
                .containsAllEntriesOf(keptByA);
    }

    @Test
    void theOwnerShowsTheNewestStoredResultAndDropsADeletedTarget() {
        storeResult("shop", Grade.B);
        Node only = node("node-a", List.of("node-a"));
        only.ownership().refresh();
        assertThat(only.registry().scrape()).contains("grade=\"B\"");
        storeResult("shop", Grade.A);
        only.ownership().refresh();
        assertThat(only.registry().scrape()).contains("grade=\"A\"").doesNotContain("grade=\"B\"");
        stored.remove("shop");
        only.ownership().refresh();
        assertThat(exported(only, "shop")).isZero();
    }

    @Test
    void aNodeNotCheckedInExportsNothingRatherThanDuplicates() {
        storeResult("shop", Grade.B);
        Node late = node("node-z", live);
        late.ownership().refresh();
        assertThat(late.metrics().shown()).isEmpty();
    }
}
