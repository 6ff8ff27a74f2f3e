package dev.vantage.check.exposure;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
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
    record Detector(Severity severity, String evidence, Predicate<String> matches) {
    }

    private static final Pattern HTML = Pattern.compile("(?i)<!doctype html|<html[\\s>]");
    private static final Pattern ENV_LINE = Pattern.compile("^\\s*(?:export\\s+)?[A-Z][A-Z0-9_]*\\s*=.*$");
    private static final Pattern SQL_DUMP = Pattern.compile(
            "(?im)^(?:--\\s*(?:MySQL dump|MariaDB dump|PostgreSQL database dump)|CREATE TABLE\\s|INSERT INTO\\s)");
    private static final Pattern SOURCE_MAP = Pattern.compile("\"version\"\\s*:\\s*3\\b");

    static final Map<String, Detector> DETECTORS = Map.ofEntries(
            Map.entry("git-config", critical("a [core] section of a Git config", notHtml(
                    find("(?m)^\\s*\\[core\\]\\s*$").and(find("repositoryformatversion|(?m)^\\s*\\[remote \""))))),
            Map.entry("git-head", critical("a Git HEAD reference",
                    find("\\A\\s*(?:ref: refs/[\\w./-]+|[0-9a-f]{40})\\s*\\z"))),
            Map.entry("svn-wc-db", critical("an SQLite database header", b -> b.startsWith("SQLite format 3"))),
            Map.entry("env", critical("KEY=value lines", SensitiveContent::looksLikeEnv)),
            Map.entry("ds-store", minor("a .DS_Store (Bud1) header",
                    b -> b.startsWith("\u0000\u0000\u0000\u0001Bud1"))),
            Map.entry("backup-zip", critical("a ZIP archive header", b -> b.startsWith("PK\u0003\u0004"))),
            Map.entry("dump-sql", critical("SQL dump statements", notHtml(SQL_DUMP.asPredicate()))),
            Map.entry("backup-sql", critical("SQL dump statements", notHtml(SQL_DUMP.asPredicate()))),
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
    public static boolean isDirectoryListing(String body) {
        return find("(?i)<title>\\s*(?:Index of /|Directory listing for /)|<h1>\\s*Index of /"
                + "|<pre><A HREF=\"/\">\\[To Parent Directory\\]").test(body);
    }

    /** True for a source map (revision 3 with mappings). */
    public static boolean isSourceMap(String body) {
        return SOURCE_MAP.matcher(body).find() && body.contains("\"mappings\"");
    }

    /** At least two KEY=value lines, making up most of the non-comment lines, and no HTML. */
    static boolean looksLikeEnv(String body) {
        if (HTML.matcher(body).find()) {
            return false;
        }
        int lines = 0;
        int assignments = 0;
        for (String line : body.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            lines++;
            if (ENV_LINE.matcher(t).matches()) {
                assignments++;
            }
        }
        return assignments >= 2 && assignments * 2 > lines;
    }

    private static Predicate<String> find(String regex) {
        return Pattern.compile(regex).asPredicate();
    }

    private static Predicate<String> notHtml(Predicate<String> p) {
        return b -> !HTML.matcher(b).find() && p.test(b);
    }

    private static Detector critical(String evidence, Predicate<String> p) {
        return new Detector(Severity.CRITICAL, evidence, p);
    }

    private static Detector minor(String evidence, Predicate<String> p) {
        return new Detector(Severity.MINOR, evidence, p);
    }
}
