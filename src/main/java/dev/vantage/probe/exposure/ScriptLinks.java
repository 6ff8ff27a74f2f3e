package dev.vantage.probe.exposure;

import dev.vantage.probe.exposure.TextSearch.Ahead;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds what the page and its scripts reference: same-origin script URLs and source-map URLs. Pure. */
public final class ScriptLinks {

    /*
     * The script search is regex <script\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)) done in
     * linear time: as one regular expression, every "<script" of a tag that never closes rescans the rest of the
     * text. Here the tag end, the next src attribute and the closing quotes are each searched once, forwards.
     */
    private static final Pattern SCRIPT_OPEN = Pattern.compile("<script\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SRC = Pattern.compile("\\bsrc\\s*+=\\s*+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOURCE_MAP = Pattern.compile("[#@]\\s*+sourceMappingURL=([^\\s'\"*]++)");

    private ScriptLinks() {
    }

    /**
     * Script URLs in the first {@link ScanLimit#MAX_CHARS} characters of {@code html}, resolved against
     * {@code page}, same origin only, first {@code max}.
     */
    public static List<URI> scripts(CharSequence html, URI page, int max) {
        return scripts(html, page, max, true);
    }

    /**
     * Script URLs of any origin (CDNs included) in the first {@link ScanLimit#MAX_CHARS} characters of
     * {@code html}, resolved against {@code page}, first {@code max}: what the page loads, for naming its libraries.
     */
    public static List<URI> allScripts(CharSequence html, URI page, int max) {
        return scripts(html, page, max, false);
    }

    private static List<URI> scripts(CharSequence html, URI page, int max, boolean sameOriginOnly) {
        CharSequence text = ScanLimit.head(html);
        Attributes attributes = new Attributes(text);
        Ahead tagEnd = new Ahead(p -> TextSearch.indexOfAny(text, ">", p));
        Set<URI> found = new LinkedHashSet<>();
        Matcher open = SCRIPT_OPEN.matcher(text);
        int from = 0;
        while (found.size() < max && open.find(from)) {
            int src = attributes.next(open.end());
            if (src < 0 || src >= tagEnd.from(open.end())) {
                from = open.start() + 1;
                continue;
            }
            int[] value = attributes.value(src);
            resolve(page, text.subSequence(value[0], value[1]).toString().trim(), sameOriginOnly)
                    .ifPresent(found::add);
            from = value[2];
        }
        return List.copyOf(found);
    }

    /** The {@code src} attributes of a text that have a value, searched forwards once. */
    private static final class Attributes {
        private final CharSequence text;
        private final Matcher src;
        private final Ahead doubleQuote;
        private final Ahead singleQuote;
        private final Ahead valued;

        Attributes(CharSequence text) {
            this.text = text;
            this.src = SRC.matcher(text);
            this.doubleQuote = new Ahead(p -> TextSearch.indexOf(text, "\"", p));
            this.singleQuote = new Ahead(p -> TextSearch.indexOf(text, "'", p));
            this.valued = new Ahead(p -> {
                for (boolean found = src.find(p); found; found = src.find(src.start() + 1)) {
                    if (src.end() < text.length() && !isSpaceOrTagEnd(text.charAt(src.end()))) {
                        return src.start();
                    }
                }
                return -1;
            });
        }

        /** Start of the first {@code src=value} at or after {@code from}, or -1. */
        int next(int from) {
            return valued.from(from);
        }

        /** {valueStart, valueEnd, matchEnd} of the attribute starting at {@code at} (one {@link #next} found). */
        int[] value(int at) {
            src.find(at);
            int v = src.end();
            char first = text.charAt(v);
            Ahead quote = first == '"' ? doubleQuote : first == '\'' ? singleQuote : null;
            int close = quote == null ? -1 : quote.from(v + 1);
            if (close >= 0) {
                return new int[] {v + 1, close, close + 1};
            }
            int end = v;
            while (end < text.length() && !isSpaceOrTagEnd(text.charAt(end))) {
                end++;
            }
            return new int[] {v, end, end};
        }

        private static boolean isSpaceOrTagEnd(char c) {
            return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }
    }

    /**
     * The source map a script references (the last {@code sourceMappingURL} comment in its first
     * {@link ScanLimit#MAX_CHARS} characters), same origin only.
     */
    public static Optional<URI> sourceMap(CharSequence script, URI scriptUrl) {
        Matcher m = SOURCE_MAP.matcher(ScanLimit.head(script));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null || last.toLowerCase(Locale.ROOT).startsWith("data:")) {
            return Optional.empty();
        }
        return resolveSameOrigin(scriptUrl, last);
    }

    static Optional<URI> resolveSameOrigin(URI base, String reference) {
        return resolve(base, reference, true);
    }

    private static Optional<URI> resolve(URI base, String reference, boolean sameOriginOnly) {
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI resolved = base.resolve(reference.replace("&amp;", "&"));
            if (resolved.getHost() == null || sameOriginOnly && !sameOrigin(base, resolved)) {
                return Optional.empty();
            }
            String text = resolved.normalize().toString();
            int hash = text.indexOf('#');
            return Optional.of(URI.create(hash < 0 ? text : text.substring(0, hash)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
