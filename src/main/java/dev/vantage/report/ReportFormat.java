package dev.vantage.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The output formats a user can ask for with {@code --format}, each with its renderer. */
public enum ReportFormat {
    TEXT, JSON, JUNIT;

    /** The renderer; {@code colour} matters only for text and should be true only when writing to a terminal. */
    public ReportRenderer renderer(boolean colour) {
        return switch (this) {
            case TEXT -> new TextReportRenderer(colour);
            case JSON -> new JsonReportRenderer();
            case JUNIT -> new JunitReportRenderer();
        };
    }

    /** The name users type ({@code text}, {@code json}, {@code junit}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name as users type it, in any case. */
    public static Optional<ReportFormat> parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id().equals(wanted)).findFirst();
    }

    /** For error messages: {@code text, json, junit}. */
    public static String choices() {
        return Arrays.stream(values()).map(ReportFormat::id).collect(Collectors.joining(", "));
    }
}
