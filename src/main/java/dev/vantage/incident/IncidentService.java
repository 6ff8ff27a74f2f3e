package dev.vantage.incident;

import dev.vantage.config.AlertsConfig;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.VantageConfig;
import dev.vantage.notify.AlertRepeater;
import dev.vantage.notify.Channels;
import dev.vantage.notify.DeliveryRepository;
import dev.vantage.notify.Notification;
import dev.vantage.notify.Notifier;
import dev.vantage.notify.Sender;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The stores of the incident side, for the tracker and the API. Published in the Vert.x instance's local shared
 * data so {@code IncidentRoutes} finds it without the API server knowing how it is built.
 */
public record IncidentService(IncidentRepository incidents, MaintenanceRepository maintenance,
                              UptimeRepository pulses, MaintenanceCalendar calendar, DeliveryRepository deliveries)
        implements Shareable {

    private static final String MAP = "vantage.incidents";
    /** Open incidents repeated to Alertmanager: far more than any sane fleet has open at once. */
    private static final int MAX_FIRING = 50_000;

    public static IncidentService of(Vertx vertx, DataSource ds, VantageConfig config) {
        MaintenanceRepository maintenance = new MaintenanceRepository(ds);
        return new IncidentService(new IncidentRepository(ds), maintenance, new UptimeRepository(ds),
                new MaintenanceCalendar(config.maintenance(), maintenance, TimeZone.getDefault()),
                new DeliveryRepository(vertx, ds));
    }

    /**
     * Everything the service needs for incidents: the stores, published for the API, and the sink the runner
     * feeds (one line in VantageService).
     */
    public static IncidentTracker sink(Vertx vertx, DataSource ds, VantageConfig config, MeterRegistry registry) {
        IncidentService service = of(vertx, ds, config);
        vertx.sharedData().getLocalMap(MAP).put("service", service);
        AlertsConfig alerts = config.alerts();
        Notifier notifier = new Notifier(Channels.of(alerts), Channels.delivery(vertx, alerts, service.deliveries()));
        new AlertRepeater(Channels.alertmanagers(alerts), Sender.webClient(vertx), alerts.delivery().timeout(),
                Clock.systemUTC(), () -> vertx.executeBlocking(service::firing, false)).start(vertx);
        return new IncidentTracker(vertx, service, alerts, notifier, new UptimeMetrics(registry), Clock.systemUTC());
    }

    /** The service published on {@code vertx}, if incidents are enabled there. */
    public static Optional<IncidentService> published(Vertx vertx) {
        return Optional.ofNullable((IncidentService) vertx.sharedData().getLocalMap(MAP).get("service"));
    }

    /** Every open incident, as the notification that opened it; blocking. */
    public List<Notification> firing() {
        return incidents.list(Optional.empty(), true, MAX_FIRING).stream()
                .map(i -> IncidentTracker.notification(Notification.Event.OPENED, i)).toList();
    }

    /** Uptime of a target at {@code now}; blocking. */
    public Uptime uptime(TargetSpec target, Instant now) {
        return Uptime.compute(now, target.slo(), (since, until) -> pulses.count(target.name(), since, until));
    }
}
