package dev.vantage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.Role;
import dev.vantage.config.Secrets;
import dev.vantage.config.TargetParser;
import dev.vantage.config.TargetSpec;
import dev.vantage.config.TlsSuites;
import dev.vantage.config.VantageConfig;
import dev.vantage.report.Report;
import dev.vantage.probe.RunKind;
import dev.vantage.service.TargetManager;
import dev.vantage.store.ResultSummary;
import dev.vantage.store.StoredTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** The HTTP side of the service: REST API under {@code /api}, {@code /health}, {@code /ready} and {@code /metrics}. */
public final class ApiServer {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final VantageConfig.Server config;
    private final TargetManager targets;
    private final TargetParser parser;
    private final Function<Report, String> renderer;
    private final Supplier<String> scrape;
    private final Supplier<Future<Map<String, Boolean>>> readiness;
    private final BearerAuth auth;
    private final dev.vantage.store.SessionRepository sessions;

    /**
     * @param renderer  the JSON report renderer (same JSON as {@code vantage check --format json})
     * @param scrape    Prometheus text of all meters
     * @param readiness named checks (database, scheduler), each up or not
     * @param secrets   not used: targets sent through the API may name no secret, so the API resolves none
     * @param sessions  the console's sign-in sessions (in the service's database)
     */
    public ApiServer(Vertx vertx, VantageConfig config, TargetManager targets, Secrets secrets,
                     Function<Report, String> renderer, Supplier<String> scrape,
                     Supplier<Future<Map<String, Boolean>>> readiness, dev.vantage.store.SessionRepository sessions) {
        this.vertx = vertx;
        this.config = config.server();
        this.targets = targets;
        // The API never resolves a reference: secrets are the operator's, named only in the config file.
        this.parser = TargetParser.forApi(config.probing().caDir());
        this.renderer = renderer;
        this.scrape = scrape;
        this.readiness = readiness;
        this.auth = new BearerAuth(config.tokens());
        this.sessions = sessions;
    }

    public Future<HttpServer> listen() {
        Router router = router();
        io.vertx.core.http.HttpServerOptions options = new io.vertx.core.http.HttpServerOptions();
        config.tls().ifPresent(tls -> {
            options.setSsl(true).setKeyCertOptions(new io.vertx.core.net.PemKeyCertOptions()
                    .setCertPath(tls.certFile().toString()).setKeyPath(tls.keyFile().toString()))
                    .setEnabledSecureTransportProtocols(TlsSuites.PROTOCOLS);
            // Offered in the configured order (forward-secret AEAD by default); anything else is never negotiated.
            tls.cipherSuites().forEach(options::addEnabledCipherSuite);
        });
        return vertx.createHttpServer(options).requestHandler(req -> {
            // Vert.x Web throws (and logs a stack trace) while matching a path with a broken %-escape; answer
            // such requests with a plain 400 before routing, as a hostile or sloppy client deserves.
            if (BROKEN_ESCAPE.matcher(req.uri()).find()) {
                req.response().setStatusCode(400).putHeader("Content-Type", "text/plain").end("bad request\n");
                return;
            }
            router.handle(req);
        }).listen(config.port(), config.host());
    }

    private static final java.util.regex.Pattern BROKEN_ESCAPE = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    Router router() {
        Router r = Router.router(vertx);
        r.route().handler(new SecurityHeaders(config.tls().isPresent()));
        r.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
        r.get("/health").handler(ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "up")));
        r.get("/ready").handler(this::ready);
        // Rendering every target's series takes seconds at 10,000 targets (docs/scale.md): on a worker, so the
        // event loop keeps serving /health and the API meanwhile.
        r.get("/metrics").handler(ctx -> vertx.executeBlocking(scrape::get, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail));
        // One bucket per client for the API and the console's sign-in form: guessing tokens costs the same on both.
        java.util.Optional<ClientRateLimit> limit = config.rateLimit().map(l -> new ClientRateLimit(l, System::nanoTime));
        limit.ifPresent(l -> r.route("/api/*").handler(l));
        r.route("/api/*").handler(auth);
        Handler read = Handler.of(Role.VIEWER);
        Handler write = Handler.of(Role.EDITOR);
        r.get("/api/targets").handler(read.h).handler(ctx -> respond(ctx, targets.list().map(list -> {
            ArrayNode a = JSON.createArrayNode();
            list.forEach(t -> a.add(targetJson(t)));
            return a;
        }), 200));
        r.post("/api/targets").handler(write.h).handler(ctx -> respond(ctx, targets.create(spec(ctx, null))
                .map(this::targetJson), 201));
        r.get("/api/targets/:name").handler(read.h).handler(ctx -> respond(ctx,
                targets.get(ctx.pathParam("name")).map(this::targetJson), 200));
        r.put("/api/targets/:name").handler(write.h).handler(ctx -> respond(ctx,
                targets.update(spec(ctx, ctx.pathParam("name"))).map(this::targetJson), 200));
        r.delete("/api/targets/:name").handler(write.h).handler(ctx -> targets.delete(ctx.pathParam("name"))
                .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
        r.post("/api/targets/:name/run").handler(write.h).handler(ctx -> targets.run(ctx.pathParam("name"),
                        runKind(ctx))
                .onSuccess(o -> ctx.response().putHeader("Content-Type", "application/json")
                        .end(renderer.apply(o.report())))
                .onFailure(ctx::fail));
        r.get("/api/targets/:name/report").handler(read.h).handler(ctx -> targets.latestReport(ctx.pathParam("name"))
                .onSuccess(s -> ctx.response().putHeader("Content-Type", "application/json").end(s))
                .onFailure(ctx::fail));
        r.get("/api/targets/:name/history").handler(read.h).handler(this::history);
        new VerificationRoutes(targets).mount(r);
        new IncidentRoutes(vertx, targets).mount(r);
        new dev.vantage.console.ConsoleRoutes(vertx, targets, auth, parser, sessions,
                limit.<io.vertx.core.Handler<RoutingContext>>map(l -> l), config.maxBodyBytes()).mount(r);
        r.route().last().handler(ctx -> ctx.fail(new ApiException(404, "no such resource: " + ctx.request().path())));
        r.route().failureHandler(this::failure);
        return r;
    }

    /** A role guard, named so route lines stay short. */
    private record Handler(io.vertx.core.Handler<RoutingContext> h) {
        static Handler of(Role role) {
            return new Handler(BearerAuth.requires(role));
        }
    }

    private TargetSpec spec(RoutingContext ctx, String pathName) {
        JsonNode body;
        try {
            body = ctx.body().buffer() == null ? null : JSON.readTree(ctx.body().buffer().getBytes());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read");
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object describing a target");
        }
        if (pathName != null) {
            JsonNode n = body.get("name");
            if (n != null && !n.asText().equals(pathName)) {
                throw new ApiException(400, "name: \"" + n.asText() + "\" differs from the name in the path \""
                        + pathName + "\"; targets cannot be renamed");
            }
            ((ObjectNode) body).put("name", pathName);
        }
        List<String> problems = new ArrayList<>();
        return parser.parse(body, "", problems).orElseThrow(() -> new ApiException(400, problems.stream()
                .map(p -> p.startsWith(".") ? p.substring(1) : p).toList()));
    }

    private void history(RoutingContext ctx) {
        HistoryQuery q = HistoryQuery.parse(ctx.request().getParam("since"), ctx.request().getParam("limit"));
        respond(ctx, targets.history(ctx.pathParam("name"), q.since(), q.limit()).map(list -> {
            ArrayNode a = JSON.createArrayNode();
            for (ResultSummary s : list) {
                a.addObject().put("id", s.id()).put("time", s.probedAt().toString()).put("success", s.success())
                        .put("grade", s.grade()).put("score", s.score()).put("durationMs", s.durationMs())
                        .put("scoringVersion", s.scoringVersion()).put("kind", s.kind().id());
            }
            return a;
        }), 200);
    }

    private void ready(RoutingContext ctx) {
        readiness.get().onComplete(ar -> {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode checks = body.putObject("checks");
            boolean ok = ar.succeeded();
            if (ar.succeeded()) {
                for (var e : ar.result().entrySet()) {
                    checks.put(e.getKey(), e.getValue() ? "up" : "down");
                    ok &= e.getValue();
                }
            }
            body.put("status", ok ? "ready" : "not ready");
            // A target that cannot be scheduled does not make the node unready (the others still run), but it
            // is shown here until it is fixed.
            ObjectNode skipped = body.putObject("unscheduled");
            targets.unschedulable().forEach(skipped::put);
            json(ctx, ok ? 200 : 503, body);
        });
    }

    private ObjectNode targetJson(StoredTarget t) {
        ObjectNode o = TargetParser.toJson(t.spec(), JSON);
        o.put("source", t.source().id());
        o.put("created", t.createdAt().toString());
        o.put("updated", t.updatedAt().toString());
        return o;
    }

    private static void respond(RoutingContext ctx, Future<? extends JsonNode> f, int status) {
        f.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    /** {@code ?kind=pulse|audit|load}; an audit when absent (the fullest picture, what a run meant before kinds). */
    private static RunKind runKind(RoutingContext ctx) {
        String kind = ctx.queryParams().get("kind");
        if (kind == null) {
            return RunKind.AUDIT;
        }
        return RunKind.parse(kind).orElseThrow(() -> new ApiException(400, "kind: \"" + kind
                + "\" is not a run kind; use pulse, audit or load"));
    }

    private void failure(RoutingContext ctx) {
        FailedRequest failed = FailedRequest.of(ctx, config.maxBodyBytes(), LOG);
        int status = failed.status();
        List<String> problems = failed.problems();
        if (ctx.response().ended()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("status", status);
        problems.forEach(body.putArray("problems")::add);
        json(ctx, status, body);
    }
}
