package dev.vantage.probe.exposure;

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

    private static final Pattern SCRIPT_SRC = Pattern.compile(
            "<script\\b[^>]*?\\bsrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern SOURCE_MAP = Pattern.compile("[#@]\\s*sourceMappingURL=([^\\s'\"*]+)");

    private ScriptLinks() {
    }

    /** Script URLs of {@code html}, resolved against {@code page}, same origin only, first {@code max}. */
    public static List<URI> scripts(String html, URI page, int max) {
        Set<URI> found = new LinkedHashSet<>();
        Matcher m = SCRIPT_SRC.matcher(html);
        while (m.find() && found.size() < max) {
            String src = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            resolveSameOrigin(page, src.trim()).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /** The source map a script references (the last {@code sourceMappingURL} comment), same origin only. */
    public static Optional<URI> sourceMap(String script, URI scriptUrl) {
        Matcher m = SOURCE_MAP.matcher(script);
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
        if (reference.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI resolved = base.resolve(reference.replace("&amp;", "&"));
            if (resolved.getHost() == null || !sameOrigin(base, resolved)) {
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
