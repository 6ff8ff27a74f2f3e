package dev.vantage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.Role;
import dev.vantage.incident.Incident;
import dev.vantage.incident.IncidentService;
import dev.vantage.incident.MaintenanceRepository;
import dev.vantage.incident.Uptime;
import dev.vantage.service.TargetManager;
import dev.vantage.target.Durations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Incidents, uptime and maintenance windows (docs/api.md, docs/alerting.md). The stores come from the
 * {@link IncidentService} published on the Vert.x instance; without one (an API server started alone) the routes
 * answer 503.
 */
final class IncidentRoutes {

    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final TargetManager targets;

    IncidentRoutes(Vertx vertx, TargetManager targets) {
        this.vertx = vertx;
        this.targets = targets;
    }

    void mount(Router r) {
        r.get("/api/incidents").handler(BearerAuth.requires(Role.VIEWER)).handler(ctx -> {
            Optional<String> target = Optional.ofNullable(ctx.queryParams().get("target")).filter(t -> !t.isEmpty());
            list(ctx, target);
        });
        r.get("/api/targets/:name/incidents").handler(BearerAuth.requires(Role.VIEWER)).handler(ctx ->
                targets.get(ctx.pathParam("name")).onSuccess(t -> list(ctx, Optional.of(t.spec().name())))
                        .onFailure(ctx::fail));
        r.get("/api/targets/:name/uptime").handler(BearerAuth.requires(Role.VIEWER)).handler(ctx ->
                targets.get(ctx.pathParam("name")).compose(t -> blocking(s -> s.uptime(t.spec(), Instant.now())))
                        .onSuccess(u -> ApiServer.json(ctx, 200, uptimeJson(ctx.pathParam("name"), u)))
                        .onFailure(ctx::fail));
        r.get("/api/maintenance").handler(BearerAuth.requires(Role.VIEWER)).handler(ctx ->
                blocking(s -> s.maintenance().current(Instant.now())).onSuccess(list -> {
                    ArrayNode a = ApiServer.JSON.createArrayNode();
                    list.forEach(w -> a.add(windowJson(w)));
                    ApiServer.json(ctx, 200, a);
                }).onFailure(ctx::fail));
        r.post("/api/maintenance").handler(BearerAuth.requires(Role.EDITOR)).handler(this::startWindow);
        r.delete("/api/maintenance/:id").handler(BearerAuth.requires(Role.EDITOR)).handler(this::endWindow);
    }

    private void list(RoutingContext ctx, Optional<String> target) {
        boolean openOnly = bool(ctx.queryParams().get("open"));
        int limit = limit(ctx.queryParams().get("limit"));
        blocking(s -> s.incidents().list(target, openOnly, limit)).onSuccess(list -> {
            ArrayNode a = ApiServer.JSON.createArrayNode();
            list.forEach(i -> a.add(incidentJson(i)));
            ApiServer.json(ctx, 200, a);
        }).onFailure(ctx::fail);
    }

    /** {@code {"targets": ["shop"], "duration": "30m", "reason": "..."}}, every field optional; starts now. */
    private void startWindow(RoutingContext ctx) {
        JsonNode body = body(ctx);
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        JsonNode t = body.path("targets");
        if (!t.isMissingNode() && !t.isArray()) {
            problems.add("targets: expected a list of target names (leave it out for every target)");
        }
        t.forEach(n -> names.add(n.asText()));
        Duration duration = DEFAULT_WINDOW;
        if (body.hasNonNull("duration")) {
            Optional<Duration> d = Durations.tryParse(body.get("duration").asText())
                    .filter(x -> !x.isZero() && x.compareTo(MAX_WINDOW) <= 0);
            if (d.isEmpty()) {
                problems.add("duration: \"" + body.get("duration").asText() + "\" is not a duration above 0 and at "
                        + "most 7d (e.g. 30m, 2h)");
            }
            duration = d.orElse(DEFAULT_WINDOW);
        }
        String reason = body.path("reason").asText("started through the API");
        if (reason.length() > 200) {
            problems.add("reason: at most 200 characters");
        }
        if (!problems.isEmpty()) {
            ctx.fail(new ApiException(400, problems));
            return;
        }
        Instant now = Instant.now();
        Instant end = now.plus(duration);
        Future.all(names.stream().map(targets::get).toList())
                .compose(v -> blocking(s -> s.maintenance().start(names, now, end, reason)))
                .onSuccess(w -> ApiServer.json(ctx, 201, windowJson(w))).onFailure(ctx::fail);
    }

    /** Ends a running window now: pulses from here on count again, and a failing site opens its incident. */
    private void endWindow(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            ctx.fail(new ApiException(400, "maintenance window id \"" + raw + "\" is not a number"));
            return;
        }
        blocking(s -> s.maintenance().end(id, Instant.now())).onSuccess(w -> {
            if (w.isEmpty()) {
                ctx.fail(new ApiException(404, "no running maintenance window " + id
                        + " (GET /api/maintenance lists the running ones)"));
            } else {
                ApiServer.json(ctx, 200, windowJson(w.get()));
            }
        }).onFailure(ctx::fail);
    }

    private static JsonNode body(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().length() == 0) {
            return ApiServer.JSON.createObjectNode();
        }
        try {
            JsonNode b = ApiServer.JSON.readTree(ctx.body().buffer().getBytes());
            if (b == null || !b.isObject()) {
                throw new ApiException(400, "the body must be a JSON object {targets, duration, reason}");
            }
            return b;
        } catch (java.io.IOException e) {
            throw new ApiException(400, "the body is not valid JSON");
        }
    }

    private <T> Future<T> blocking(java.util.function.Function<IncidentService, T> work) {
        Optional<IncidentService> service = IncidentService.published(vertx);
        if (service.isEmpty()) {
            return Future.failedFuture(new ApiException(503, "incidents are not enabled on this server"));
        }
        return vertx.executeBlocking(() -> work.apply(service.get()), false);
    }

    private static boolean bool(String v) {
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true") || v.isEmpty()) {
            return true;
        }
        throw new ApiException(400, "open: \"" + v + "\" is not true or false");
    }

    private static int limit(String v) {
        if (v == null) {
            return 100;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ApiException(400, "limit: \"" + v + "\" is not a number from 1 to " + MAX_LIMIT);
    }

    static ObjectNode incidentJson(Incident i) {
        ObjectNode o = ApiServer.JSON.createObjectNode();
        o.put("id", i.id());
        o.put("target", i.target());
        o.put("kind", i.kind().id());
        o.put("subject", i.subject());
        o.put("title", i.title());
        o.put("open", i.isOpen());
        o.put("openedAt", i.openedAt().toString());
        i.resolvedAt().ifPresentOrElse(r -> o.put("resolvedAt", r.toString()), () -> o.putNull("resolvedAt"));
        o.put("evidence", i.evidence());
        i.resolution().ifPresentOrElse(r -> o.put("resolution", r), () -> o.putNull("resolution"));
        return o;
    }

    static ObjectNode uptimeJson(String target, Uptime u) {
        ObjectNode o = ApiServer.JSON.createObjectNode();
        o.put("target", target);
        ObjectNode windows = o.putObject("windows");
        for (Uptime.Window w : u.windows()) {
            ObjectNode x = windows.putObject(w.label());
            x.put("pulses", w.pulses());
            x.put("successes", w.successes());
            w.ratio().ifPresentOrElse(r -> x.put("ratio", r), () -> x.putNull("ratio"));
        }
        u.slo().ifPresentOrElse(s -> o.put("slo", s), () -> o.putNull("slo"));
        u.budgetLeft().ifPresentOrElse(b -> o.put("errorBudgetLeft", b), () -> o.putNull("errorBudgetLeft"));
        return o;
    }

    private static ObjectNode windowJson(MaintenanceRepository.Window w) {
        ObjectNode o = ApiServer.JSON.createObjectNode();
        o.put("id", w.id());
        w.targets().forEach(o.putArray("targets")::add);
        o.put("startsAt", w.startsAt().toString());
        o.put("endsAt", w.endsAt().toString());
        o.put("reason", w.reason());
        return o;
    }
}
