package dev.vantage.incident;

import dev.vantage.grade.Grade;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The incident state machine of one target: a pure function from the state, the open incidents and one
 * observation to the next state and the transitions (docs/alerting.md). It reads no clock: time is the
 * observation's.
 */
public final class IncidentRules {

    private IncidentRules() {
    }

    /** The result of one observation: the next state, and the incidents it opened and resolved. */
    public record Step(AlertState state, List<Incident> opened, List<Incident> resolved) {
        public Step {
            opened = List.copyOf(opened);
            resolved = List.copyOf(resolved);
        }

        public boolean transitions() {
            return !opened.isEmpty() || !resolved.isEmpty();
        }
    }

    /**
     * @param maintenance the observation fell in a maintenance window: counters move, nothing opens or resolves,
     *                    and the baseline of failing checks stays, so what is still wrong after the window opens then
     */
    public static Step evaluate(String target, AlertState state, List<Incident> open, Observation o,
                                IncidentPolicy policy, boolean maintenance) {
        int failures = state.failures();
        int successes = state.successes();
        if (o.pulse()) {
            failures = o.reachable() ? 0 : failures + 1;
            // Saturates at the recovery threshold, all it is compared with: a healthy target's state then stops
            // changing, and its pulses write no state row (IncidentTracker).
            successes = o.reachable() ? Math.min(successes + 1, policy.recoveryThreshold()) : 0;
        }
        if (maintenance) {
            return new Step(new AlertState(failures, successes, state.failingChecks()), List.of(), List.of());
        }
        Transitions t = new Transitions(target, open, o);
        if (failures >= policy.failureThreshold()) {
            t.open(IncidentKind.DOWN, "", failures + " consecutive pulses failed; the last: " + o.failure().orElse("?"));
        } else if (successes >= policy.recoveryThreshold()) {
            t.resolve(IncidentKind.DOWN, "", successes + " consecutive pulses succeeded");
        }
        Optional<Set<String>> baseline = state.failingChecks();
        if (o.reachable()) {
            boolean gradeOpened = policy.expectGrade().map(expect -> grade(t, o, expect)).orElse(false);
            checks(t, o, baseline, gradeOpened);
            baseline = Optional.of(o.failingChecks().keySet());
            o.certExpiry().ifPresent(expiry -> certificate(t, o, expiry, policy.certWindow()));
        }
        if (o.audit()) {
            if (o.reachable()) {
                t.resolve(IncidentKind.AUDIT, "", "an audit completed");
            } else {
                t.open(IncidentKind.AUDIT, "", "the audit could not reach the site: " + o.failure().orElse("?"));
            }
        } else {
            o.auditOverdue().ifPresent(why -> t.open(IncidentKind.AUDIT, "", why));
        }
        return new Step(new AlertState(failures, successes, baseline), t.opened, t.resolved);
    }

    /** Returns whether the grade incident opened now. */
    private static boolean grade(Transitions t, Observation o, Grade expect) {
        if (o.grade().isWorseThan(expect)) {
            String failing = o.failingChecks().isEmpty() ? "none" : String.join(", ", o.failingChecks().keySet());
            return t.open(IncidentKind.GRADE, "", "grade " + o.grade().letter() + " is below the expected "
                    + expect.letter() + "; failing checks: " + failing);
        }
        t.resolve(IncidentKind.GRADE, "", "grade " + o.grade().letter() + " meets the expected " + expect.letter());
        return false;
    }

    /**
     * A check that fails now and did not in the previous report opens its own incident, unless a grade incident
     * opened with this report: that one already names every failing check, so a deploy is one notification.
     */
    private static void checks(Transitions t, Observation o, Optional<Set<String>> baseline, boolean gradeOpened) {
        if (baseline.isPresent() && !gradeOpened) {
            Set<String> newly = new HashSet<>(o.failingChecks().keySet());
            newly.removeAll(baseline.get());
            newly.stream().sorted().forEach(id -> t.open(IncidentKind.CHECK, id, id + " fails: "
                    + o.failingChecks().get(id)));
        }
        for (Incident i : List.copyOf(t.open)) {
            if (i.kind() == IncidentKind.CHECK && !o.failingChecks().containsKey(i.subject())) {
                t.resolve(IncidentKind.CHECK, i.subject(), i.subject() + " no longer fails");
            }
        }
    }

    private static void certificate(Transitions t, Observation o, java.time.Instant expiry, Duration window) {
        Duration left = Duration.between(o.at(), expiry);
        String when = "the certificate expires at " + expiry + " (" + (left.isNegative() ? "already expired"
                : "in " + left.toDays() + " days") + ")";
        if (left.compareTo(window) < 0) {
            t.open(IncidentKind.CERTIFICATE, "", when);
        } else {
            t.resolve(IncidentKind.CERTIFICATE, "", when);
        }
    }

    /** The open incidents as they change within one evaluation. */
    private static final class Transitions {
        private final String target;
        private final List<Incident> open;
        private final Observation o;
        private final List<Incident> opened = new ArrayList<>();
        private final List<Incident> resolved = new ArrayList<>();

        Transitions(String target, List<Incident> open, Observation o) {
            this.target = target;
            this.open = new ArrayList<>(open);
            this.o = o;
        }

        private Optional<Incident> find(IncidentKind kind, String subject) {
            return open.stream().filter(i -> i.is(kind, subject)).findFirst();
        }

        boolean open(IncidentKind kind, String subject, String evidence) {
            if (find(kind, subject).isPresent()) {
                return false;
            }
            Incident i = Incident.open(target, kind, subject, o.at(), evidence);
            open.add(i);
            opened.add(i);
            return true;
        }

        void resolve(IncidentKind kind, String subject, String why) {
            find(kind, subject).ifPresent(i -> {
                open.remove(i);
                resolved.add(i.resolve(o.at(), why));
            });
        }
    }
}
