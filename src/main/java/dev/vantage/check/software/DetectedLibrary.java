package dev.vantage.check.software;

import java.util.List;

/**
 * A JavaScript library version seen on the page, and where: script URLs in the HTML, script URLs in the rendered
 * DOM, or a global the loaded page exposes.
 */
record DetectedLibrary(String library, String version, List<String> sources) {

    DetectedLibrary {
        sources = List.copyOf(sources);
    }

    String name() {
        return library + " " + version;
    }
}
