package dev.vantage.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gauge series of one target's newest result, as data: what a node stores with the newest report so that,
 * in a cluster, the one node that exports the target renders them whichever node produced the result. Labels are
 * the target's own; padding to the label keys of the other targets is done where they are shown.
 *
 * @param labels the target's own labels ({@code team: web}), without {@code target} and {@code instance}
 * @param points every gauge: metric name, the labels it adds (phase, area, check …) and its value
 * @param grades the label sets ({@code area}, {@code grade}) of {@code vantage_grade_info}
 * @param tls    the negotiated TLS version for {@code probe_tls_version_info}; null without TLS
 */
public record TargetSeries(String target, String instance, Map<String, String> labels, List<Point> points,
                           List<Map<String, String>> grades, String tls) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One gauge series. */
    public record Point(String name, Map<String, String> tags, double value) {
        /** Immutable and compact: a node holds ~35 points per target for every target it shows (issue 10). */
        public Point {
            tags = Map.copyOf(tags);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("series of " + target + " cannot be written", e);
        }
    }

    /** Empty when the stored text is not series of this version (written by a newer release, or damaged). */
    public static Optional<TargetSeries> fromJson(String json) {
        try {
            return Optional.ofNullable(JSON.readValue(json, TargetSeries.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
