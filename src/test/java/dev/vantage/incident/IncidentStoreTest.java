package dev.vantage.incident;

import dev.vantage.config.AlertsConfig;
import dev.vantage.config.MaintenanceWindow;
import dev.vantage.config.Schedule;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.grade.Grade;
import dev.vantage.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident tables on H2: transitions recorded once, maintenance marks, uptime equal to a hand count. */
class IncidentStoreTest {

    static final Instant T0 = Instant.parse("2025-03-02T01:00:00Z");
    static final TargetSpec SHOP = TargetSpec.of("shop", URI.create("https://shop.example/"),
            Schedule.every(Duration.ofMinutes(1)));
    Database db;
    IncidentRepository incidents;
    IncidentPolicy policy = IncidentPolicy.of(AlertsConfig.DEFAULT, SHOP);

    @BeforeEach
    void open() {
        db = Database.open(new VantageConfig.Storage("jdbc:h2:mem:inc" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), Duration.ofDays(30), false));
        incidents = new IncidentRepository(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    Observation pulse(int minute, boolean up) {
        return new Observation(T0.plusSeconds(60L * minute), true, false,
                up ? Optional.empty() : Optional.of("REFUSED"), Grade.A, Map.of(), Optional.empty(), Optional.empty());
    }

    boolean step(Observation o) {
        IncidentRepository.Loaded before = incidents.load("shop");
        return incidents.apply("shop", before, IncidentRules.evaluate("shop", before.state(), before.open(), o,
                policy, false), o.at());
    }

    @Test
    void twoNodesComputingTheSameTransitionRecordItOnce() {
        step(pulse(0, false));
        step(pulse(1, false));
        Observation third = pulse(2, false);
        IncidentRepository.Loaded seenByBoth = incidents.load("shop");
        var step = IncidentRules.evaluate("shop", seenByBoth.state(), seenByBoth.open(), third, policy, false);
        assertThat(step.opened()).hasSize(1);
        assertThat(incidents.apply("shop", seenByBoth, step, third.at())).as("node A").isTrue();
        assertThat(incidents.apply("shop", seenByBoth, step, third.at())).as("node B, same read").isFalse();
        assertThat(incidents.list(Optional.of("shop"), false, 10)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IncidentKind.DOWN);
            assertThat(i.isOpen()).isTrue();
            assertThat(i.openedAt()).isEqualTo(third.at());
        });
        step(pulse(3, true));
        step(pulse(4, true));
        assertThat(incidents.list(Optional.of("shop"), true, 10)).isEmpty();
        assertThat(incidents.list(Optional.empty(), false, 10)).singleElement()
                .satisfies(i -> assertThat(i.resolvedAt()).contains(T0.plusSeconds(240)));
    }

    @Test
    void uptimeMatchesAHandCountOfStoredPulsesWithMaintenanceLeftOut() throws Exception {
        DataSource ds = db.dataSource();
        // 10 pulses an hour apart before now: 7 up, 3 down; 2 of the down ones inside a maintenance window.
        Instant now = T0;
        boolean[] up = {true, true, false, true, false, true, true, false, true, true};
        for (int i = 0; i < up.length; i++) {
            insertPulse(ds, now.minus(Duration.ofHours(i + 1)), up[i]);
        }
        MaintenanceRepository maintenance = new MaintenanceRepository(ds);
        maintenance.markPulse("shop", now.minus(Duration.ofHours(3)));
        maintenance.markPulse("shop", now.minus(Duration.ofHours(5)));
        IncidentService service = new IncidentService(incidents, maintenance, new UptimeRepository(ds),
                new MaintenanceCalendar(List.of(), maintenance, TimeZone.getTimeZone("UTC")), null);
        TargetSpec withSlo = new TargetSpec("shop", SHOP.url(), SHOP.schedule(), List.of(), List.of(),
                Optional.empty(), Map.of(), Optional.empty(), Map.of(), Optional.empty(), Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), TargetSpec.Origin.API, Optional.empty(), Optional.of(90.0));
        Uptime u = service.uptime(withSlo, now);
        assertThat(u.windows()).extracting(Uptime.Window::pulses).containsExactly(8L, 8L, 8L);
        assertThat(u.windows().get(0).ratio()).contains(7.0 / 8);
        // 12.5% errors against a 10% budget: a quarter overspent.
        assertThat(u.budgetLeft()).hasValueSatisfying(b -> assertThat(b).isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void aCronWindowCoversItsDurationAfterEachFireTime() {
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(new MaintenanceWindow("0 0 2 ? * SUN",
                Duration.ofHours(2), List.of("shop"))), new MaintenanceRepository(db.dataSource()),
                TimeZone.getTimeZone("UTC"));
        Instant sunday2am = Instant.parse("2025-03-02T02:00:00Z");
        assertThat(calendar.reason("shop", sunday2am.minusSeconds(1))).isEmpty();
        assertThat(calendar.reason("shop", sunday2am)).isPresent();
        assertThat(calendar.reason("shop", sunday2am.plus(Duration.ofMinutes(119)))).isPresent();
        assertThat(calendar.reason("shop", sunday2am.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(calendar.reason("other", sunday2am)).isEmpty();
    }

    @Test
    void aWindowStartedThroughTheApiCoversItsTargetsUntilItEnds() {
        MaintenanceRepository repo = new MaintenanceRepository(db.dataSource());
        repo.start(List.of("shop"), T0, T0.plus(Duration.ofMinutes(30)), "deploy");
        MaintenanceCalendar calendar = new MaintenanceCalendar(List.of(), repo, TimeZone.getTimeZone("UTC"));
        assertThat(calendar.reason("shop", T0.plusSeconds(60))).hasValueSatisfying(r -> assertThat(r).contains("deploy"));
        assertThat(calendar.reason("shop", T0.plus(Duration.ofMinutes(30)))).isEmpty();
        assertThat(calendar.reason("cart", T0.plusSeconds(60))).isEmpty();
    }

    static void insertPulse(DataSource ds, Instant at, boolean success) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO results "
                + "(target, probed_at, success, grade, score, duration_ms, scoring_version, kind) "
                + "VALUES ('shop', ?, ?, 'A', 90, 10, 'v', 'pulse')")) {
            ps.setObject(1, at.atOffset(ZoneOffset.UTC));
            ps.setBoolean(2, success);
            ps.executeUpdate();
        }
    }
}
