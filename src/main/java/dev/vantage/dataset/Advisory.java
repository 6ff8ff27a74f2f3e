package dev.vantage.dataset;

import java.util.List;
import java.util.Optional;

/**
 * One vulnerability entry of a library: the affected range {@code [atOrAbove, below)} and what identifies it.
 *
 * @param ids     CVE ids first, then GitHub advisory ids, then other ids (bug numbers, issue links)
 * @param info    links for reading more
 */
public record Advisory(Optional<String> atOrAbove, Optional<String> below, Severity severity, String summary,
                       List<String> ids, List<String> info) {

    public Advisory {
        ids = List.copyOf(ids);
        info = List.copyOf(info);
    }

    public boolean affects(String version) {
        return atOrAbove.map(low -> Version.compare(version, low) >= 0).orElse(true)
                && below.map(high -> Version.compare(version, high) < 0).orElse(true);
    }

    /** retire.js severities, in increasing order. */
    public enum Severity {
        NONE, LOW, MEDIUM, HIGH, CRITICAL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
