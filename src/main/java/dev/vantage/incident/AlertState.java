package dev.vantage.incident;

import java.util.Optional;
import java.util.Set;

/**
 * The counters of one target's state machine between reports.
 *
 * @param failures      consecutive failed pulses
 * @param successes     consecutive successful pulses
 * @param failingChecks the checks that failed in the newest report of a reachable site; empty before the first
 *                      one, so a new target's existing failures become the baseline instead of an incident storm
 */
public record AlertState(int failures, int successes, Optional<Set<String>> failingChecks) {

    public static final AlertState INITIAL = new AlertState(0, 0, Optional.empty());

    public AlertState {
        failingChecks = failingChecks.map(Set::copyOf);
    }
}
