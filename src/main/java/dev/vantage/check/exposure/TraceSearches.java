package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.TextSearch.Ahead;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.vantage.probe.exposure.TextSearch.indexOf;
import static dev.vantage.probe.exposure.TextSearch.indexOfAny;
import static dev.vantage.probe.exposure.TextSearch.regionMatches;

/**
 * The {@link ErrorDisclosure} detectors whose one-regex form backtracks quadratically on hostile bodies (a head
 * that can start anywhere followed by an open-ended stretch), rewritten as a cheap head search followed by
 * remembered forward searches ({@link Ahead}), so every one reads each character a bounded number of times. Each
 * method finds the same first match as the regular expression its comment quotes, from {@code from} on, as
 * {@code {start, end}}, or null.
 */
final class TraceSearches {

    static final String LEAD = "(?:^|[\\s>;])";
    private static final Pattern SYMFONY_STATUS = Pattern.compile("\\(\\d{3} ");
    private static final Pattern DOTNET_HEAD = Pattern.compile(LEAD + "at [\\w.`<>\\[\\],]++\\(",
            Pattern.MULTILINE);
    private static final Pattern PHP_HEAD = Pattern.compile(
            "(?:Fatal error|Parse error|Warning|Notice|Deprecated)(?:</b>)?:\\s");
    private static final Pattern PHP_TAIL = Pattern.compile(" in (?:<b>)?(?:/|[A-Za-z]:\\\\)[^<\\s]+\\.php(?::\\d+)?"
            + "(?:</b>)? on line (?:<b>)?\\d+");
    private static final Pattern NODE_HEAD = Pattern.compile("(?:" + LEAD + "|&nbsp;)at ", Pattern.MULTILINE);
    private static final Pattern NODE_TAIL = Pattern.compile(
            "(?:/|[A-Za-z]:\\\\|node:|file://)[^()\\s]*:\\d+:\\d+\\)?");
    private static final Pattern RUBY_TAIL = Pattern.compile("\\d++:in [`'‘]");
    private static final Pattern GO_HEAD = Pattern.compile("goroutine \\d++ \\[running\\]:");
    private static final String SYMFONY_COMPONENT = "Symfony\\Component";

    private TraceSearches() {
    }

    /**
     * {@code <title>[^<]*\(\d{3} [^)]*\)[^<]*</title>[\s\S]*Symfony\\Component}, narrowed to a status in the
     * title itself (its closing parenthesis before the title ends), which is where Symfony puts it.
     */
    static int[] symfony(CharSequence t, int from) {
        int component = lastIndexOf(t, SYMFONY_COMPONENT);
        if (component < 0) {
            return null;
        }
        Matcher status = SYMFONY_STATUS.matcher(t);
        for (int s = indexOf(t, "<title>", from); s >= 0 && s < component; s = indexOf(t, "<title>", s + 1)) {
            int close = indexOfAny(t, "<", s + 7);
            if (regionMatches(t, close, "</title>") && close + 8 <= component
                    && status.region(s + 7, close).find() && lastIndexOf(t, ')', status.end(), close) >= 0) {
                return new int[] {s, component + SYMFONY_COMPONENT.length()};
            }
            s = Math.max(s, close - 1);
        }
        return null;
    }

    /** {@code LEAD at [\w.`<>\[\],]+\([^)\n]*\) in [^\n<]+:line \d+} (.NET frames). */
    static int[] dotNet(CharSequence t, int from) {
        Matcher head = DOTNET_HEAD.matcher(t);
        Ahead closeOrNewline = new Ahead(p -> indexOfAny(t, ")\n", p));
        Ahead lineEnd = new Ahead(p -> indexOfAny(t, "\n<", p));
        int segmentEnd = -1;
        int marker = -1;
        for (boolean found = head.find(from); found; found = head.find(head.start() + 1)) {
            int close = closeOrNewline.from(head.end());
            if (close >= t.length() || t.charAt(close) != ')' || !regionMatches(t, close + 1, " in ")) {
                continue;
            }
            int end = lineEnd.from(close + 5);
            if (end != segmentEnd) {
                segmentEnd = end;
                marker = lastLineMarker(t, end);
            }
            if (marker >= close + 6) {
                return new int[] {head.start(), digitsEnd(t, marker + 6)};
            }
        }
        return null;
    }

    /** The last {@code :line N} in the stretch before {@code end} that holds no newline or {@code <}, or -1. */
    private static int lastLineMarker(CharSequence t, int end) {
        for (int i = end - 1; i >= 0 && t.charAt(i) != '\n' && t.charAt(i) != '<'; i--) {
            if (t.charAt(i) == ':' && i + 6 < end && regionMatches(t, i, ":line ") && isDigit(t.charAt(i + 6))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code (?:Fatal error|...)(?:</b>)?:\s[^\n]{0,300}? in <path>.php(?::\d+)? on line \d+}: the tail after the
     * head does not depend on the head, so "the next place the tail matches" is searched once for all heads.
     */
    static int[] phpError(CharSequence t, int from) {
        Matcher head = PHP_HEAD.matcher(t);
        Matcher tail = PHP_TAIL.matcher(t);
        Ahead newline = new Ahead(p -> indexOfAny(t, "\n", p));
        Ahead tailAt = new Ahead(p -> {
            for (int c = indexOf(t, " in ", p); c >= 0; c = indexOf(t, " in ", c + 1)) {
                if (tail.region(c, t.length()).lookingAt()) {
                    return c;
                }
            }
            return -1;
        });
        for (boolean found = head.find(from); found; found = head.find(head.start() + 1)) {
            int p = head.end();
            int c = tailAt.from(p);
            if (c >= 0 && c - p <= 300 && newline.from(p) >= c && tail.region(c, t.length()).lookingAt()) {
                return new int[] {head.start(), tail.end()};
            }
        }
        return null;
    }

    /**
     * {@code (?:LEAD|&nbsp;)at (?:[\w.$<>\[\] ]+ \()?(?:/|[A-Za-z]:\\|node:|file://)[^()\s]*:\d+:\d+\)?}: the
     * function-name run and the frame after its parenthesis are shared by every head inside the run, so both are
     * remembered.
     */
    static int[] node(CharSequence t, int from) {
        Matcher head = NODE_HEAD.matcher(t);
        Matcher tail = NODE_TAIL.matcher(t);
        Ahead runEnd = new Ahead(p -> {
            int i = p;
            while (i < t.length() && isNodeNameChar(t.charAt(i))) {
                i++;
            }
            return i;
        });
        int framedAt = -1;
        int framedEnd = -1;
        for (boolean found = head.find(from); found; found = head.find(head.start() + 1)) {
            int p = head.end();
            int end = runEnd.from(p);
            if (end - p >= 2 && t.charAt(end - 1) == ' ' && end < t.length() && t.charAt(end) == '(') {
                if (framedAt != end + 1) {
                    framedAt = end + 1;
                    framedEnd = tail.region(framedAt, t.length()).lookingAt() ? tail.end() : -1;
                }
                if (framedEnd >= 0) {
                    return new int[] {head.start(), framedEnd};
                }
            }
            if (tail.region(p, t.length()).lookingAt()) {
                return new int[] {head.start(), tail.end()};
            }
        }
        return null;
    }

    /**
     * {@code [\w/.-]+\.rb:\d+:in [`'‘][^'’\n]{1,200}['’]}: found from its fixed middle {@code .rb:}; the method
     * name ends at the next quote or newline, searched once for all frames.
     */
    static int[] ruby(CharSequence t, int from) {
        Matcher tail = RUBY_TAIL.matcher(t);
        Ahead quoteOrNewline = new Ahead(p -> indexOfAny(t, "'’\n", p));
        for (int d = indexOf(t, ".rb:", from); d >= 0; d = indexOf(t, ".rb:", d + 1)) {
            int s = d;
            while (s > from && isRubyPathChar(t.charAt(s - 1))) {
                s--;
            }
            if (s < d && tail.region(d + 4, t.length()).lookingAt()) {
                int close = quoteOrNewline.from(tail.end());
                int name = close - tail.end();
                if (close < t.length() && t.charAt(close) != '\n' && name >= 1 && name <= 200) {
                    return new int[] {s, close + 1};
                }
            }
        }
        return null;
    }

    /** {@code goroutine \d+ \[running\]:\s*\n[\s\S]{0,2000}?\.go:\d+}. */
    static int[] goPanic(CharSequence t, int from) {
        Matcher head = GO_HEAD.matcher(t);
        Ahead frame = new Ahead(p -> {
            for (int d = indexOf(t, ".go:", p); d >= 0; d = indexOf(t, ".go:", d + 1)) {
                if (d + 4 < t.length() && isDigit(t.charAt(d + 4))) {
                    return d;
                }
            }
            return -1;
        });
        for (boolean found = head.find(from); found; found = head.find(head.start() + 1)) {
            int i = head.end();
            int lastNewline = -1;
            for (; i < t.length() && isRegexSpace(t.charAt(i)); i++) {
                lastNewline = t.charAt(i) == '\n' ? i : lastNewline;
            }
            int f = lastNewline < 0 ? -1 : frame.from(lastNewline + 1);
            if (f >= 0 && f - (lastNewline + 1) <= 2000) {
                return new int[] {head.start(), digitsEnd(t, f + 4)};
            }
        }
        return null;
    }

    private static int lastIndexOf(CharSequence t, String literal) {
        for (int i = t.length() - literal.length(); i >= 0; i--) {
            if (regionMatches(t, i, literal)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(CharSequence t, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (t.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static int digitsEnd(CharSequence t, int i) {
        while (i < t.length() && isDigit(t.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWord(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_';
    }

    private static boolean isRubyPathChar(char c) {
        return isWord(c) || c == '/' || c == '.' || c == '-';
    }

    private static boolean isNodeNameChar(char c) {
        return isWord(c) || ".$<>[] ".indexOf(c) >= 0;
    }

    /** Regex {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
