package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ScanLimit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises stack traces (Python, Java, .NET, PHP, Node.js, Ruby, Go) and well-known framework debug pages in
 * response bodies. Each detector needs structure, not a keyword: a word like "Traceback" or "Exception" in prose
 * does not match; a frame line with a file and line number does. Pure.
 */
public final class ErrorDisclosure {

    /** What was recognised. {@code debugPage} is worse: such pages often allow code execution or show secrets. */
    public record Hit(String what, boolean debugPage, String excerpt) {
    }

    /** The detectors by name, in the order they are tried: for tests that measure each one. */
    static java.util.Map<String, Search> searches() {
        java.util.Map<String, Search> all = new java.util.LinkedHashMap<>();
        DETECTORS.forEach(d -> all.put(d.what, d.search));
        return all;
    }

    /** A detector: a search that must succeed at least {@code times} times, each after the previous match. */
    private record Detector(String what, boolean debugPage, Search search, int times) {
        int[] next(CharSequence text, int from) {
            return search.next(text, from);
        }
    }

    /** The next match at or after {@code from} as {start, end}, or null. */
    @FunctionalInterface
    interface Search {
        int[] next(CharSequence text, int from);

        static Search of(Pattern pattern) {
            return (text, from) -> {
                Matcher m = pattern.matcher(text);
                return m.find(from) ? new int[] {m.start(), m.end()} : null;
            };
        }
    }

    private static final String LEAD = TraceSearches.LEAD;
    /*
     * Every detector reads each character a bounded number of times (ScannerWorkTest): literal heads, possessive
     * quantifiers where backtracking could not change the outcome, and TraceSearches for the shapes a single
     * regular expression would rescan from every start.
     */
    private static final List<Detector> DETECTORS = List.of(
            debug("Werkzeug interactive debugger (Flask)", "Werkzeug Debugger|__debugger__=yes"),
            debug("Django debug page (DEBUG = True)", "You(?:'|&#39;|&#x27;)re seeing this error because you have "
                    + "<code>DEBUG = True</code>"),
            debug("Rails debug page", "Action Controller: Exception caught"),
            debug("Laravel/Whoops debug page", "Whoops! There was an error\\.|<title>Whoops!"),
            new Detector("Symfony debug page", true, TraceSearches::symfony, 1),
            debug("ASP.NET detailed error page", "Server Error in '[^']*+' Application\\."),
            trace("Python traceback", "Traceback \\(most recent call last\\):\\s*+(?:<br\\s*+/?>)?+\\s*+"
                    + "File (?:\"|&quot;)[^\"&]++(?:\"|&quot;), line \\d+", 1),
            trace("Java stack trace", LEAD + "at (?:[\\w$.@-]++/+)?[\\w$]++(?:\\.[\\w$<>]++)++"
                    + "\\((?:[\\w$]++\\.(?:java|kt|scala|groovy):\\d+|Native Method|Unknown Source)\\)", 2),
            new Detector(".NET stack trace", false, TraceSearches::dotNet, 1),
            new Detector("PHP error with file path", false, TraceSearches::phpError, 1),
            trace("PHP stack trace", "Stack trace:\\s*+(?:<br\\s*+/?>)?+\\s*+#0 (?:/|[A-Za-z]:\\\\|\\{main\\}"
                    + "|\\[internal)", 1),
            new Detector("Node.js stack trace", false, TraceSearches::node, 2),
            new Detector("Ruby backtrace", false, TraceSearches::ruby, 2),
            new Detector("Go panic", false, TraceSearches::goPanic, 1));

    private ErrorDisclosure() {
    }

    /**
     * The first (worst: debug pages are tried first) disclosure in the first {@link ScanLimit#MAX_CHARS}
     * characters of {@code body}. Linear in the text scanned.
     */
    public static Optional<Hit> find(CharSequence body) {
        CharSequence scanned = ScanLimit.head(body);
        for (Detector d : DETECTORS) {
            int count = 0;
            int[] first = null;
            int from = 0;
            while (count < d.times) {
                int[] span = d.next(scanned, from);
                if (span == null) {
                    break;
                }
                first = first == null ? span : first;
                from = Math.max(span[1], span[0] + 1);
                count++;
            }
            if (count >= d.times) {
                return Optional.of(new Hit(d.what, d.debugPage, excerpt(scanned, first[0], first[1])));
            }
        }
        return Optional.empty();
    }

    /** The matched text, one line, at most 120 characters: enough to recognise, not a dump. */
    static String excerpt(CharSequence body, int start, int end) {
        String text = body.subSequence(start, Math.min(end, start + 120)).toString().replaceAll("\\s+", " ")
                .strip();
        return end - start > 120 ? text + "…" : text;
    }

    private static Detector debug(String what, String regex) {
        return new Detector(what, true, Search.of(Pattern.compile(regex)), 1);
    }

    private static Detector trace(String what, String regex, int times) {
        return new Detector(what, false, Search.of(Pattern.compile(regex, Pattern.MULTILINE)), times);
    }
}
