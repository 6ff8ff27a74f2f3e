package dev.vantage.incident;

import dev.vantage.grade.Grade;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentRulesTest {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final IncidentPolicy POLICY = new IncidentPolicy(3, 2, Duration.ofDays(14), Optional.of(Grade.B));

    /** Feeds observations one by one, keeping state and open incidents as the store would. */
    static final class Machine {
        AlertState state = AlertState.INITIAL;
        final List<Incident> open = new ArrayList<>();
        final List<Incident> opened = new ArrayList<>();
        final List<Incident> resolved = new ArrayList<>();
        IncidentPolicy policy = POLICY;

        IncidentRules.Step feed(Observation o, boolean maintenance) {
            IncidentRules.Step step = IncidentRules.evaluate("shop", state, open, o, policy, maintenance);
            state = step.state();
            open.addAll(step.opened());
            step.resolved().forEach(r -> open.removeIf(i -> i.id().equals(r.id())));
            opened.addAll(step.opened());
            resolved.addAll(step.resolved());
            return step;
        }

        IncidentRules.Step feed(Observation o) {
            return feed(o, false);
        }
    }

    static Observation pulse(int minute, boolean up) {
        return pulse(minute, up, Grade.A, Map.of());
    }

    static Observation pulse(int minute, boolean up, Grade grade, Map<String, String> failing) {
        return new Observation(T0.plusSeconds(60L * minute), true, false,
                up ? Optional.empty() : Optional.of("REFUSED: connection refused"), grade, failing, Optional.empty(),
                Optional.empty());
    }

    @Nested
    class UpAndDown {
        /** The tracker writes nothing for a step that changes nothing: a healthy target must reach such a state. */
        @Test
        void aHealthyTargetsStateStopsChangingOnceItsSuccessesReachTheRecoveryThreshold() {
            Machine m = new Machine();
            for (int minute = 0; minute < POLICY.recoveryThreshold(); minute++) {
                m.feed(pulse(minute, true));
            }
            AlertState steady = m.state;
            assertThat(steady.successes()).isEqualTo(POLICY.recoveryThreshold());
            for (int minute = POLICY.recoveryThreshold(); minute < 100; minute++) {
                IncidentRules.Step step = m.feed(pulse(minute, true));
                assertThat(step.transitions()).isFalse();
                assertThat(step.state()).as("state after pulse %d", minute).isEqualTo(steady);
            }
            // Saturating changes nothing of the rules: a failure still resets the count, and recovery still needs
            // the threshold's successes after an incident.
            for (int minute = 100; minute < 100 + POLICY.failureThreshold(); minute++) {
                m.feed(pulse(minute, false));
            }
            assertThat(m.open).hasSize(1);
            for (int i = 0; i < POLICY.recoveryThreshold(); i++) {
                assertThat(m.open).as("after %d successes", i).hasSize(1);
                m.feed(pulse(200 + i, true));
            }
            assertThat(m.open).isEmpty();
        }

        @Test
        void threeFailedPulsesOpenOneDownIncidentAndTwoSuccessesResolveIt() {
            Machine m = new Machine();
            m.feed(pulse(0, true));
            assertThat(m.feed(pulse(1, false)).transitions()).isFalse();
            assertThat(m.feed(pulse(2, false)).transitions()).isFalse();
            IncidentRules.Step third = m.feed(pulse(3, false));
            assertThat(third.opened()).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(IncidentKind.DOWN);
                assertThat(i.openedAt()).isEqualTo(T0.plusSeconds(180));
                assertThat(i.evidence()).contains("3 consecutive pulses failed").contains("REFUSED");
            });
            assertThat(m.feed(pulse(4, false)).transitions()).as("still down: nothing new").isFalse();
            assertThat(m.feed(pulse(5, true)).transitions()).isFalse();
            IncidentRules.Step recovered = m.feed(pulse(6, true));
            assertThat(recovered.resolved()).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(third.opened().get(0).id());
                assertThat(i.resolvedAt()).contains(T0.plusSeconds(360));
                assertThat(i.resolution()).contains("2 consecutive pulses succeeded");
            });
        }

        @Test
        void aFlappingTargetOpensNothing() {
            Machine m = new Machine();
            for (int minute = 0; minute < 100; minute++) {
                m.feed(pulse(minute, minute % 2 == 0));
            }
            assertThat(m.opened).isEmpty();
        }

        @Test
        void aFlappingTargetThatIsDownStaysOneIncidentUntilItHoldsUp() {
            Machine m = new Machine();
            for (int minute = 0; minute < 3; minute++) {
                m.feed(pulse(minute, false));
            }
            for (int minute = 3; minute < 50; minute++) {
                m.feed(pulse(minute, minute % 2 == 0));
            }
            assertThat(m.opened).hasSize(1);
            assertThat(m.resolved).isEmpty();
        }

        @Test
        void theIdIsTheSameWhoeverComputesIt() {
            Incident a = Incident.open("shop", IncidentKind.DOWN, "", T0, "x");
            Incident b = Incident.open("shop", IncidentKind.DOWN, "", T0, "other evidence");
            assertThat(a.id()).isEqualTo(b.id()).startsWith("inc-");
            assertThat(Incident.open("shop", IncidentKind.DOWN, "", T0.plusMillis(1), "x").id()).isNotEqualTo(a.id());
        }

        @Test
        void anAuditReportDoesNotCountAsAPulse() {
            Machine m = new Machine();
            for (int i = 0; i < 5; i++) {
                m.feed(new Observation(T0.plusSeconds(i), false, true, Optional.of("TIMEOUT: x"), Grade.F, Map.of(),
                        Optional.empty(), Optional.empty()));
            }
            assertThat(m.state.failures()).isZero();
            assertThat(m.opened).extracting(Incident::kind).containsExactly(IncidentKind.AUDIT);
        }
    }

    @Nested
    class GradeAndChecks {
        @Test
        void aDeployThatDropsTheGradeIsOneIncidentNamingTheFailingChecks() {
            Machine m = new Machine();
            m.feed(pulse(0, true, Grade.A, Map.of()));
            IncidentRules.Step deploy = m.feed(pulse(1, true, Grade.C, Map.of("security.hsts", "no header",
                    "security.csp", "no header")));
            assertThat(deploy.opened()).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(IncidentKind.GRADE);
                assertThat(i.evidence()).contains("grade C is below the expected B")
                        .contains("security.csp, security.hsts");
            });
            IncidentRules.Step fixed = m.feed(pulse(2, true, Grade.A, Map.of()));
            assertThat(fixed.resolved()).extracting(Incident::kind).containsExactly(IncidentKind.GRADE);
        }

        @Test
        void aCheckThatNewlyFailsOpensItsOwnIncidentWithTheCheckId() {
            Machine m = new Machine();
            m.feed(pulse(0, true, Grade.A, Map.of("security.csp", "old failure")));
            assertThat(m.opened).as("failures present at the first report are the baseline").isEmpty();
            IncidentRules.Step s = m.feed(pulse(1, true, Grade.A, Map.of("security.csp", "old failure",
                    "security.hsts", "max-age=10")));
            assertThat(s.opened()).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(IncidentKind.CHECK);
                assertThat(i.subject()).isEqualTo("security.hsts");
                assertThat(i.evidence()).contains("max-age=10");
            });
            assertThat(m.feed(pulse(2, true, Grade.A, Map.of("security.hsts", "max-age=10"))).transitions()).isFalse();
            assertThat(m.feed(pulse(3, true, Grade.A, Map.of())).resolved()).extracting(Incident::subject)
                    .containsExactly("security.hsts");
        }

        @Test
        void anUnreachablePulseNeitherOpensNorResolvesChecks() {
            Machine m = new Machine();
            m.feed(pulse(0, true, Grade.A, Map.of()));
            m.feed(pulse(1, true, Grade.A, Map.of("security.hsts", "x")));
            m.feed(pulse(2, false, Grade.F, Map.of()));
            assertThat(m.open).extracting(Incident::subject).containsExactly("security.hsts");
            assertThat(m.state.failingChecks()).contains(Set.of("security.hsts"));
        }
    }

    @Nested
    class Certificate {
        Observation withExpiry(int minute, Instant expiry) {
            return new Observation(T0.plusSeconds(60L * minute), true, false, Optional.empty(), Grade.A, Map.of(),
                    Optional.of(expiry), Optional.empty());
        }

        @Test
        void aCertificateWithinTheWindowOpensOnceAndARenewalResolves() {
            Machine m = new Machine();
            assertThat(m.feed(withExpiry(0, T0.plus(Duration.ofDays(20)))).transitions()).isFalse();
            IncidentRules.Step near = m.feed(withExpiry(1, T0.plus(Duration.ofDays(13))));
            assertThat(near.opened()).singleElement().satisfies(i -> {
                assertThat(i.kind()).isEqualTo(IncidentKind.CERTIFICATE);
                assertThat(i.evidence()).contains("in 12 days");
            });
            assertThat(m.feed(withExpiry(2, T0.plus(Duration.ofDays(13)))).transitions()).isFalse();
            assertThat(m.feed(withExpiry(3, T0.plus(Duration.ofDays(90)))).resolved()).hasSize(1);
        }
    }

    @Nested
    class Maintenance {
        @Test
        void nothingOpensInsideAWindowAndADownTargetOpensWhenItEnds() {
            Machine m = new Machine();
            for (int minute = 0; minute < 10; minute++) {
                assertThat(m.feed(pulse(minute, false), true).transitions()).isFalse();
            }
            assertThat(m.state.failures()).isEqualTo(10);
            IncidentRules.Step after = m.feed(pulse(10, false), false);
            assertThat(after.opened()).extracting(Incident::kind).containsExactly(IncidentKind.DOWN);
            assertThat(after.opened().get(0).openedAt()).isEqualTo(T0.plusSeconds(600));
        }

        @Test
        void aCheckBrokenDuringAWindowOpensAfterIt() {
            Machine m = new Machine();
            m.feed(pulse(0, true, Grade.A, Map.of()));
            m.feed(pulse(1, true, Grade.A, Map.of("security.hsts", "x")), true);
            assertThat(m.feed(pulse(2, true, Grade.A, Map.of("security.hsts", "x"))).opened())
                    .extracting(Incident::subject).containsExactly("security.hsts");
        }
    }
}
