package dev.vantage.check.software;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code src} of every {@code <script>} in a page's raw HTML, resolved against the page URL. A scan, not a
 * parser: it is enough for URLs, and each tag is read through a bounded window so a hostile page full of
 * unterminated tags costs linear time.
 */
final class ScriptSources {

    /** At most this many scripts are read; a page with more is unusual, and its first ones name its libraries. */
    static final int MAX_SCRIPTS = 200;
    /** A script tag longer than this is cut: its {@code src} comes early in any real page. */
    static final int MAX_TAG = 2048;

    private static final Pattern SRC = Pattern.compile("\\ssrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);

    private ScriptSources() {
    }

    static List<String> of(String html, URI page) {
        List<String> out = new ArrayList<>();
        String lower = html.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("<script");
        while (at >= 0 && out.size() < MAX_SCRIPTS) {
            // The tag ends at its '>' or at the window's end; windows never overlap, so the scan stays linear.
            int window = Math.min(html.length(), at + MAX_TAG);
            int stop = at + 1;
            while (stop < window && lower.charAt(stop) != '>') {
                stop++;
            }
            Matcher m = SRC.matcher(html.substring(at + "<script".length(), stop));
            if (m.find()) {
                String src = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                out.add(resolve(page, src.trim()));
            }
            at = lower.indexOf("<script", stop);
        }
        return out;
    }

    private static String resolve(URI page, String src) {
        try {
            return page.resolve(src.replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return src;
        }
    }
}
