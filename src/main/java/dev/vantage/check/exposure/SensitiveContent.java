package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ScanLimit;
import dev.vantage.probe.exposure.TextSearch;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Content evidence for each sensitive path: what a body must contain before "this path is exposed" is claimed.
 * A 200 alone proves nothing (soft-404 sites answer 200 everywhere). Keyed by
 * {@link dev.vantage.probe.exposure.SensitivePath#id()}. Pure.
 */
public final class SensitiveContent {

    /** How bad an exposure is: critical ones hand out credentials, source or internals. */
    public enum Severity { CRITICAL, MINOR }

    /** A detector and the severity of what it proves. */
    record Detector(Severity severity, String evidence, Predicate<CharSequence> matches) {
    }

    private static final Pattern HTML = Pattern.compile("(?i)<!doctype html|<html[\\s>]");
    private static final Pattern ENV_LINE = Pattern.compile("^\\s*(?:export\\s+)?[A-Z][A-Z0-9_]*\\s*=.*$");
    private static final Pattern SQL_DUMP = Pattern.compile(
            "(?im)^(?:--\\s*(?:MySQL dump|MariaDB dump|PostgreSQL database dump)|CREATE TABLE\\s|INSERT INTO\\s)");
    private static final Pattern SOURCE_MAP = Pattern.compile("\"version\"\\s*:\\s*3\\b");
    private static final Pattern MAPPINGS = Pattern.compile("\"mappings\"");
    private static final Pattern DIRECTORY_LISTING = Pattern.compile("(?i)<title>\\s*(?:Index of /|Directory "
            + "listing for /)|<h1>\\s*Index of /|<pre><A HREF=\"/\">\\[To Parent Directory\\]");

    static final Map<String, Detector> DETECTORS = Map.ofEntries(
            Map.entry("git-config", critical("a [core] section of a Git config", notHtml(
                    lineStart("[core]", "\\s*$")
                            .and(find("repositoryformatversion").or(lineStart("[remote \"", "")))))),
            Map.entry("git-head", critical("a Git HEAD reference",
                    find("\\A\\s*(?:ref: refs/[\\w./-]+|[0-9a-f]{40})\\s*\\z"))),
            Map.entry("svn-wc-db", critical("an SQLite database header", b -> startsWith(b, "SQLite format 3"))),
            Map.entry("env", critical("KEY=value lines", SensitiveContent::looksLikeEnv)),
            Map.entry("ds-store", minor("a .DS_Store (Bud1) header",
                    b -> startsWith(b, "\u0000\u0000\u0000\u0001Bud1"))),
            Map.entry("backup-zip", critical("a ZIP archive header", b -> startsWith(b, "PK\u0003\u0004"))),
            Map.entry("dump-sql", critical("SQL dump statements", notHtml(b -> SQL_DUMP.matcher(b).find()))),
            Map.entry("backup-sql", critical("SQL dump statements", notHtml(b -> SQL_DUMP.matcher(b).find()))),
            Map.entry("wp-config-backup", critical("WordPress DB_* definitions",
                    find("define\\(\\s*['\"]DB_(?:PASSWORD|USER|NAME|HOST)['\"]"))),
            Map.entry("server-status", critical("an Apache server-status page",
                    find("Apache Server Status for|requests currently being processed"))),
            Map.entry("actuator", minor("a Spring Boot actuator index",
                    find("\"_links\"\\s*:").and(find("/actuator")))),
            Map.entry("actuator-env", critical("Spring Boot environment JSON",
                    find("\"activeProfiles\"\\s*:").and(find("\"propertySources\"\\s*:")))),
            Map.entry("phpinfo", critical("phpinfo() output",
                    find("(?i)<title>[^<]*phpinfo\\(\\)\\s*</title>|<h1 class=\"p\">PHP Version"))),
            Map.entry("pprof", critical("the Go pprof index", find("Types of profiles available"))),
            Map.entry("elmah", critical("an ELMAH error log", find("(?i)Error log for").and(find("(?i)elmah")))),
            Map.entry("directory-listing", minor("a directory listing", SensitiveContent::isDirectoryListing)));

    private SensitiveContent() {
    }

    /** The detector for a sensitive path id. */
    static Optional<Detector> detector(String pathId) {
        return Optional.ofNullable(DETECTORS.get(pathId));
    }

    /** True for an auto-generated directory index (Apache, nginx, Python http.server, IIS). */
    public static boolean isDirectoryListing(CharSequence body) {
        return DIRECTORY_LISTING.matcher(ScanLimit.head(body)).find();
    }

    /** True for a source map (revision 3 with mappings). */
    public static boolean isSourceMap(CharSequence body) {
        CharSequence scanned = ScanLimit.head(body);
        return SOURCE_MAP.matcher(scanned).find() && MAPPINGS.matcher(scanned).find();
    }

    /** At least two KEY=value lines, making up most of the non-comment lines, and no HTML. */
    static boolean looksLikeEnv(CharSequence body) {
        if (HTML.matcher(body).find()) {
            return false;
        }
        int lines = 0;
        int assignments = 0;
        for (int start = 0; start <= body.length(); ) {
            int end = indexOf(body, '\n', start);
            CharSequence line = body.subSequence(start, end);
            start = end + 1;
            int first = firstNonBlank(line);
            if (first == line.length() || line.charAt(first) == '#') {
                continue;
            }
            lines++;
            if (ENV_LINE.matcher(line).lookingAt()) {
                assignments++;
            }
        }
        return assignments >= 2 && assignments * 2 > lines;
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return text.length();
    }

    private static int firstNonBlank(CharSequence line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(CharSequence text, String prefix) {
        return text.length() >= prefix.length() && text.subSequence(0, prefix.length()).toString().equals(prefix);
    }

    private static Predicate<CharSequence> find(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return b -> pattern.matcher(b).find();
    }

    /**
     * Regex {@code (?m)^\s*<literal><rest>}, found from the literal: started at every line start instead, the
     * leading {@code \s*} rescans a run of blank lines once per line, which is quadratic.
     */
    private static Predicate<CharSequence> lineStart(String literal, String rest) {
        Pattern tail = Pattern.compile(Pattern.quote(literal) + rest, Pattern.MULTILINE);
        return b -> {
            Matcher m = tail.matcher(b);
            for (int at = TextSearch.indexOf(b, literal, 0); at >= 0; at = TextSearch.indexOf(b, literal, at + 1)) {
                if (onlyBlanksSinceLineStart(b, at) && m.region(at, b.length()).lookingAt()) {
                    return true;
                }
            }
            return false;
        };
    }

    /** True when a {@code (?m)^} position precedes {@code at} with only regex {@code \s} characters between. */
    private static boolean onlyBlanksSinceLineStart(CharSequence b, int at) {
        int i = at;
        while (i > 0 && " \t\u000B\f".indexOf(b.charAt(i - 1)) >= 0) {
            i--;
        }
        if (i == 0) {
            return true;
        }
        char before = b.charAt(i - 1);
        return before == '\n' || before == '\r' || before == '\u0085' || before == '\u2028' || before == '\u2029';
    }

    private static Predicate<CharSequence> notHtml(Predicate<CharSequence> p) {
        return b -> !HTML.matcher(b).find() && p.test(b);
    }

    private static Detector critical(String evidence, Predicate<CharSequence> p) {
        return new Detector(Severity.CRITICAL, evidence, b -> p.test(ScanLimit.head(b)));
    }

    private static Detector minor(String evidence, Predicate<CharSequence> p) {
        return new Detector(Severity.MINOR, evidence, b -> p.test(ScanLimit.head(b)));
    }
}
