package dev.vantage.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes text quoted from a target safe and readable on a terminal: control characters (an ESC in a header could
 * repaint the user's screen) and bidirectional overrides become visible escapes, and long text wraps.
 */
final class TerminalText {

    private TerminalText() {
    }

    /**
     * Replaces whitespace controls with a space and any other control or bidi override with a visible escape
     * such as {@code \\u001B}.
     */
    static String sanitise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }

    /**
     * Splits text into lines of at most {@code width} characters at spaces; a word longer than the width (a URL,
     * a token) is cut rather than overflowing. Runs of spaces collapse.
     */
    static List<String> wrap(String text, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, was " + width);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            String rest = word;
            while (!rest.isEmpty()) {
                int room = line.length() == 0 ? width : width - line.length() - 1;
                if (rest.length() <= room) {
                    if (line.length() > 0) {
                        line.append(' ');
                    }
                    line.append(rest);
                    rest = "";
                } else if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                } else {
                    lines.add(rest.substring(0, width));
                    rest = rest.substring(width);
                }
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
