package dev.vantage.probe.browser;

import org.openqa.selenium.JavascriptExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the versions that JavaScript libraries announce as globals once the page has loaded ({@code jQuery.fn.jquery},
 * {@code angular.version.full}, {@code React.version} ...). Library names are retire.js's, so the vulnerability
 * dataset can match them. The page controls these values, so each is a short version-like string or dropped.
 */
public final class LibraryGlobals {

    /** A library the page exposed as a global, and the version it claims. */
    public record Found(String library, String version) {
    }

    /** At most this many libraries, each version at most {@value #MAX_VERSION} characters: the page is hostile. */
    static final int MAX_FOUND = 32;
    static final int MAX_VERSION = 40;

    static final String SCRIPT = """
            const out = [];
            const put = (library, read) => { try { const v = read();
              if (typeof v === 'string' && v.length > 0 && v.length <= %d) { out.push({library: library, version: v}); }
            } catch (e) {} };
            const jq = window.jQuery || window.$;
            put('jquery', () => jq.fn.jquery);
            put('jquery-migrate', () => jq.migrateVersion);
            put('jquery-ui', () => jq.ui.version);
            put('angularjs', () => window.angular.version.full);
            put('react', () => window.React.version);
            put('lodash', () => typeof window._.runInContext === 'function' ? window._.VERSION : undefined);
            put('underscore.js', () => typeof window._.runInContext === 'function' ? undefined : window._.VERSION);
            put('vue', () => window.Vue.version);
            put('bootstrap', () => (window.bootstrap && window.bootstrap.Tooltip
                ? window.bootstrap.Tooltip.VERSION : jq.fn.tooltip.Constructor.VERSION));
            put('moment.js', () => window.moment.version);
            put('handlebars', () => window.Handlebars.VERSION);
            put('DOMPurify', () => window.DOMPurify.version);
            return out;
            """.formatted(MAX_VERSION);

    private LibraryGlobals() {
    }

    /** The libraries the loaded page exposes; empty when the script fails (the page's own script may break it). */
    static List<Found> read(JavascriptExecutor driver) {
        Object seen;
        try {
            seen = driver.executeScript(SCRIPT);
        } catch (RuntimeException e) {
            return List.of();
        }
        List<Found> out = new ArrayList<>();
        if (seen instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("library") instanceof String lib
                        && m.get("version") instanceof String v && v.length() <= MAX_VERSION && out.size() < MAX_FOUND) {
                    out.add(new Found(lib, v));
                }
            }
        }
        return List.copyOf(out);
    }
}
