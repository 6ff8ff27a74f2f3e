package dev.vantage.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which checks a target runs: {@code enable} (ids or prefixes such as {@code security.}; empty means all), then
 * {@code disable} removes ids or prefixes. A disabled check is not graded at all, so it neither costs nor earns
 * points.
 */
public record CheckSelection(List<String> enable, List<String> disable) {

    public static final CheckSelection ALL = new CheckSelection(List.of(), List.of());

    public CheckSelection {
        enable = List.copyOf(enable);
        disable = List.copyOf(disable);
    }

    public boolean includes(String checkId) {
        boolean enabled = enable.isEmpty() || enable.stream().anyMatch(p -> matches(p, checkId));
        return enabled && disable.stream().noneMatch(p -> matches(p, checkId));
    }

    /** The registered checks this selection keeps, in registry order. */
    public List<Check> apply(List<Check> checks) {
        return checks.stream().filter(c -> includes(c.id())).toList();
    }

    /** Why an entry names no registered check (a typo would otherwise silently disable nothing), or empty. */
    public static Optional<String> unknown(String entry) {
        boolean known = Checks.all().stream().anyMatch(c -> matches(entry, c.id()));
        return known ? Optional.empty() : Optional.of("\"" + entry + "\" is not a check id or id prefix "
                + "(see docs/checks.md), e.g. security.hsts or security.");
    }

    private static boolean matches(String pattern, String id) {
        return pattern.endsWith(".") ? id.startsWith(pattern) : id.equals(pattern);
    }

    /** Every entry of both lists that names no check. */
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        enable.forEach(e -> unknown(e).ifPresent(all::add));
        disable.forEach(e -> unknown(e).ifPresent(all::add));
        return all;
    }
}
