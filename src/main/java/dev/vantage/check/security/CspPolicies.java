package dev.vantage.check.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every policy a response enforces. Browsers enforce each policy independently, so a load is allowed only when all
 * policies allow it: the effective source list of a directive is the intersection of each policy's list (after
 * its own fallbacks). Intersecting textual source lists is approximate: a list holding a broad source ({@code *},
 * {@code https:}) yields to the other list; otherwise only sources written identically in both survive, and an
 * empty intersection means {@code 'none'}.
 */
public record CspPolicies(List<CspPolicy> policies) {

    static final Set<String> BROAD = Set.of("ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*",
            "https://*.*");

    public CspPolicies {
        policies = List.copyOf(policies);
    }

    /**
     * Parses header values; each may hold several policies separated by commas (RFC 9110 field combining).
     * Throws {@link IllegalArgumentException} when any policy is malformed.
     */
    public static CspPolicies parse(List<String> headerValues) {
        List<CspPolicy> out = new ArrayList<>();
        for (String value : headerValues) {
            for (String policy : value.split(",", -1)) {
                if (!policy.isBlank()) {
                    out.add(CspPolicy.parse(policy));
                }
            }
        }
        return new CspPolicies(out);
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** Whether any policy names the directive itself. */
    public boolean has(String directive) {
        return policies.stream().anyMatch(p -> p.directives().containsKey(directive));
    }

    /**
     * The effective, mutable source list of a directive across policies, or {@code {"*"}} when no policy restricts
     * it (no directive and no fallback).
     */
    public Set<String> effective(String directive, String... fallbacks) {
        Set<String> acc = null;
        for (CspPolicy p : policies) {
            Set<String> own = p.effective(directive, fallbacks);
            if (own == null) {
                continue;
            }
            acc = acc == null ? new LinkedHashSet<>(own) : intersect(acc, own);
        }
        return acc == null ? new LinkedHashSet<>(Set.of("*")) : acc;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (isBroad(a) && !isBroad(b)) {
            return new LinkedHashSet<>(b);
        }
        if (isBroad(b)) {
            return a;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        if (out.isEmpty()) {
            out.add("'none'");
        }
        return out;
    }

    static boolean isBroad(Set<String> sources) {
        return sources.stream().anyMatch(BROAD::contains);
    }

    /** Every directive named twice inside one policy (browsers ignore the second). */
    public List<String> duplicates() {
        return policies.stream().flatMap(p -> p.duplicates().stream()).distinct().toList();
    }

    /** All directives named by any policy, with their raw sources, for "active content" scans. */
    public List<java.util.Map.Entry<String, Set<String>>> allDirectives() {
        return policies.stream().flatMap(p -> p.directives().entrySet().stream()).toList();
    }
}
