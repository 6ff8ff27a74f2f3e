package dev.vantage.console;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A server-rendered latency sparkline: the points of an SVG polyline for a series of pulse times, oldest first,
 * scaled into a fixed box, with a sentence for screen readers (the SVG's title).
 */
public record Sparkline(String points, String description) {

    public static final int WIDTH = 120;
    public static final int HEIGHT = 24;

    /** @param millis pulse times, oldest first */
    public static Sparkline of(List<Long> millis) {
        if (millis.isEmpty()) {
            return new Sparkline("", "no pulse yet");
        }
        long min = millis.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
        String description = "pulse times of the last " + millis.size() + " pulses, from " + min + " ms to " + max
                + " ms";
        if (millis.size() == 1) {
            // A single point draws nothing: show it as a flat line across the box.
            return new Sparkline(of(List.of(min, min)).points(), description);
        }
        double step = (double) WIDTH / (millis.size() - 1);
        // One pixel of margin top and bottom so the stroke is not clipped; a flat series is drawn mid-height.
        double span = Math.max(1, max - min);
        String points = IntStream.range(0, millis.size()).mapToObj(i -> String.format(Locale.ROOT, "%.1f,%.1f",
                        i * step, max == min ? HEIGHT / 2.0 : 1 + (HEIGHT - 2) * (1 - (millis.get(i) - min) / span)))
                .collect(Collectors.joining(" "));
        return new Sparkline(points, description);
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
