package dev.vantage.console;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * A line chart drawn on the server as SVG (no script): lines already scaled into the plot box, axis ticks and
 * labels, and a sentence that says what it shows (the SVG's title, for screen readers).
 *
 * @param title   what is plotted, e.g. "Grade history"
 * @param summary the data in words: range, count, newest value
 * @param lines   empty when there is nothing to draw (the page shows the summary instead)
 */
public record Chart(String title, String summary, String xLabel, String yLabel, List<Line> lines, List<Tick> xTicks,
                    List<Tick> yTicks) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    /** The plot box inside the SVG: room left for the y ticks, below for the x ticks and axis label. */
    public static final int LEFT = 56;
    public static final int RIGHT = WIDTH - 12;
    public static final int TOP = 12;
    public static final int BOTTOM = HEIGHT - 44;

    /** One series: the polyline's points and, when few enough to tell apart, a marker with a title per point. */
    public record Line(String name, String cssClass, String points, List<Mark> marks) {
    }

    /** A point a reader can hover or read: where it is and what it says. */
    public record Mark(String x, String y, String text) {
    }

    /**
     * A tick on an axis: the position along it in SVG units, its text, and how the text hangs from it
     * ({@code start}, {@code middle}, {@code end}: the ends of the x axis keep their labels inside the picture).
     */
    public record Tick(String at, String text, String anchor) {
        Tick(String at, String text) {
            this(at, text, "middle");
        }
    }

    /** One value to plot: x and y in data units, and what a marker for it says. */
    record Point(double x, double y, String text) {
    }

    /** A series in data units; {@code cssClass} styles its line (colour and dash, so it is not told by colour alone). */
    record Series(String name, String cssClass, List<Point> points) {
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /**
     * Scales data series into the plot box.
     *
     * @param xRange {min, max} of x in data units
     * @param yMax   the top of the y axis in data units (the bottom is 0)
     * @param marks  draw a marker per point (for sparse series such as grade changes)
     */
    static Chart of(String title, String summary, String xLabel, String yLabel, double[] xRange, double yMax,
                    List<Series> series, boolean marks, List<Tick> xTicksInData, List<Tick> yTicksInData) {
        DoubleUnaryOperator sx = x -> LEFT + (RIGHT - LEFT) * (xRange[1] == xRange[0] ? 0.5
                : (x - xRange[0]) / (xRange[1] - xRange[0]));
        DoubleUnaryOperator sy = y -> BOTTOM - (BOTTOM - TOP) * Math.min(1, Math.max(0, y / yMax));
        List<Line> lines = new java.util.ArrayList<>();
        for (Series one : series) {
            List<Point> points = one.points();
            if (points.isEmpty()) {
                continue;
            }
            String path = points.stream().map(p -> num(sx.applyAsDouble(p.x())) + "," + num(sy.applyAsDouble(p.y())))
                    .collect(Collectors.joining(" "));
            List<Mark> m = marks ? points.stream().map(p -> new Mark(num(sx.applyAsDouble(p.x())),
                    num(sy.applyAsDouble(p.y())), p.text())).toList() : List.of();
            lines.add(new Line(one.name(), one.cssClass(), path, m));
        }
        return new Chart(title, summary, xLabel, yLabel, lines,
                java.util.stream.IntStream.range(0, xTicksInData.size()).mapToObj(i -> new Tick(
                        num(sx.applyAsDouble(Double.parseDouble(xTicksInData.get(i).at()))), xTicksInData.get(i).text(),
                        i == 0 ? "start" : i == xTicksInData.size() - 1 ? "end" : "middle")).toList(),
                yTicksInData.stream().map(t -> new Tick(num(sy.applyAsDouble(Double.parseDouble(t.at()))), t.text()))
                        .toList());
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
