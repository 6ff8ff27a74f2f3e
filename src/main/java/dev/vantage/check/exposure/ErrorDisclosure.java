package dev.vantage.check.exposure;

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

    /** A detector: a pattern that must match at least {@code times} times. */
    private record Detector(String what, boolean debugPage, Pattern pattern, int times) {
    }

    private static final String LEAD = "(?:^|[\\s>;])";
    private static final List<Detector> DETECTORS = List.of(
            debug("Werkzeug interactive debugger (Flask)", "Werkzeug Debugger|__debugger__=yes"),
            debug("Django debug page (DEBUG = True)", "You(?:'|&#39;|&#x27;)re seeing this error because you have "
                    + "<code>DEBUG = True</code>"),
            debug("Rails debug page", "Action Controller: Exception caught"),
            debug("Laravel/Whoops debug page", "Whoops! There was an error\\.|<title>Whoops!"),
            debug("Symfony debug page", "<title>[^<]*\\(\\d{3} [^)]*\\)[^<]*</title>[\\s\\S]*Symfony\\\\Component"),
            debug("ASP.NET detailed error page", "Server Error in '[^']*' Application\\."),
            trace("Python traceback", "Traceback \\(most recent call last\\):\\s*(?:<br\\s*/?>|\\n)?\\s*"
                    + "File (?:\"|&quot;)[^\"&]+(?:\"|&quot;), line \\d+", 1),
            trace("Java stack trace", LEAD + "at (?:[\\w$.@-]+/+)?[\\w$]+(?:\\.[\\w$<>]+)+"
                    + "\\((?:[\\w$]+\\.(?:java|kt|scala|groovy):\\d+|Native Method|Unknown Source)\\)", 2),
            trace(".NET stack trace", LEAD + "at [\\w.`<>\\[\\],]+\\([^)\\n]*\\) in [^\\n<]+:line \\d+", 1),
            trace("PHP error with file path", "(?:Fatal error|Parse error|Warning|Notice|Deprecated)(?:</b>)?:\\s"
                    + "[^\\n]{0,300}? in (?:<b>)?(?:/|[A-Za-z]:\\\\)[^<\\s]+\\.php(?::\\d+)?(?:</b>)?"
                    + " on line (?:<b>)?\\d+", 1),
            trace("PHP stack trace", "Stack trace:\\s*(?:<br\\s*/?>)?\\s*#0 (?:/|[A-Za-z]:\\\\|\\{main\\}|\\[internal)",
                    1),
            trace("Node.js stack trace", "(?:" + LEAD + "|&nbsp;)at (?:[\\w.$<>\\[\\] ]+ \\()?(?:/|[A-Za-z]:\\\\|node:"
                    + "|file://)[^()\\s]*:\\d+:\\d+\\)?", 2),
            trace("Ruby backtrace", "[\\w/.-]+\\.rb:\\d+:in [`'‘][^'’\\n]{1,200}['’]", 2),
            trace("Go panic", "goroutine \\d+ \\[running\\]:\\s*\\n[\\s\\S]{0,2000}?\\.go:\\d+", 1));

    private ErrorDisclosure() {
    }

    /** The first (worst: debug pages are tried first) disclosure in {@code body}. */
    public static Optional<Hit> find(String body) {
        for (Detector d : DETECTORS) {
            Matcher m = d.pattern.matcher(body);
            int count = 0;
            int firstStart = -1;
            int firstEnd = -1;
            while (count < d.times && m.find()) {
                if (count == 0) {
                    firstStart = m.start();
                    firstEnd = m.end();
                }
                count++;
            }
            if (count >= d.times) {
                return Optional.of(new Hit(d.what, d.debugPage, excerpt(body, firstStart, firstEnd)));
            }
        }
        return Optional.empty();
    }

    /** The matched text, one line, at most 120 characters: enough to recognise, not a dump. */
    static String excerpt(String body, int start, int end) {
        String text = body.substring(start, Math.min(end, start + 120)).replaceAll("\\s+", " ").strip();
        return end - start > 120 ? text + "…" : text;
    }

    private static Detector debug(String what, String regex) {
        return new Detector(what, true, Pattern.compile(regex), 1);
    }

    private static Detector trace(String what, String regex, int times) {
        return new Detector(what, false, Pattern.compile(regex, Pattern.MULTILINE), times);
    }
}
