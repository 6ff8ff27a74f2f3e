package dev.vantage.console;

import dev.vantage.api.ApiException;
import dev.vantage.api.BearerAuth;
import dev.vantage.config.Role;
import dev.vantage.schedule.NoSuchTargetException;
import dev.vantage.service.TargetChangeRefused;
import dev.vantage.service.TargetManager;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The web console (docs/console.md): server-rendered, read-only pages of the targets and their report cards for
 * viewers, a public status page and grade badges for targets marked {@code public: true}, and the one stylesheet.
 * No script anywhere, so the pages carry a CSP that allows only Vantage's own stylesheet and images.
 */
public final class ConsoleRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    /** Everything but the stylesheet and same-origin images is refused; no form posts elsewhere, no framing. */
    public static final String PAGE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final String HTML = "text/html; charset=utf-8";
    private static final Map<String, String> ASSETS = Map.of("console.css", "text/css; charset=utf-8",
            "icon.svg", "image/svg+xml");

    private final ConsoleData data;
    private final Handler<RoutingContext> auth;
    private final TemplateEngine templates =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.vantage.console.templates");
    private final Map<String, Buffer> assets;

    /** @param auth the API's bearer authentication, so a page needs the same viewer role as its API call */
    public ConsoleRoutes(TargetManager targets, BearerAuth auth, Clock clock) {
        this.data = new ConsoleData(targets, clock);
        this.auth = auth;
        this.assets = ASSETS.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k,
                ConsoleRoutes::asset));
    }

    public ConsoleRoutes(TargetManager targets, BearerAuth auth) {
        this(targets, auth, Clock.systemUTC());
    }

    public void mount(Router r) {
        Handler<RoutingContext> viewer = BearerAuth.requires(Role.VIEWER);
        r.get("/console/:asset").handler(this::asset);
        r.get("/").handler(ConsoleRoutes::pagePolicy).handler(auth).handler(viewer).handler(ctx ->
                data.rows().onSuccess(rows -> html(ctx, 200, "index.jte", Map.of("rows", rows))).onFailure(ctx::fail));
        r.get("/targets/:name").handler(ConsoleRoutes::pagePolicy).handler(auth).handler(viewer).handler(ctx ->
                data.row(ctx.pathParam("name")).onSuccess(row -> html(ctx, 200, "target.jte", Map.of("row", row)))
                        .onFailure(ctx::fail));
        r.get("/status").handler(ConsoleRoutes::pagePolicy).handler(ctx ->
                data.status().onSuccess(rows -> html(ctx, 200, "status.jte", Map.of("rows", rows)))
                        .onFailure(ctx::fail));
        r.get("/badge/:file").handler(this::badge);
        for (String path : List.of("/", "/targets/*", "/status", "/badge/*", "/console/*")) {
            r.route(path).failureHandler(this::failure);
        }
    }

    private void badge(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".svg")) {
            ctx.fail(new ApiException(404, "badges are at /badge/{name}.svg"));
            return;
        }
        String name = file.substring(0, file.length() - ".svg".length());
        data.badge(name).onSuccess(badge -> {
            if (badge.isEmpty()) {
                ctx.fail(new ApiException(404, "no public target named \"" + name + "\""));
                return;
            }
            StringOutput out = new StringOutput();
            templates.render("badge.jte", Map.of("badge", badge.get()), out);
            // Short-lived: README image proxies fetch it again after a grade changes.
            ctx.response().putHeader("Content-Type", "image/svg+xml; charset=utf-8")
                    .putHeader("Cache-Control", "public, max-age=300").end(out.toString());
        }).onFailure(ctx::fail);
    }

    private void asset(RoutingContext ctx) {
        String name = ctx.pathParam("asset");
        Buffer body = assets.get(name);
        if (body == null) {
            ctx.fail(new ApiException(404, "no console asset named \"" + name + "\""));
            return;
        }
        ctx.response().putHeader("Content-Type", ASSETS.get(name)).putHeader("Cache-Control", "public, max-age=3600")
                .end(body);
    }

    /** Set when headers are written (errors included), so {@code SecurityHeaders} keeps it instead of its default. */
    private static void pagePolicy(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Content-Security-Policy", PAGE_POLICY));
        ctx.next();
    }

    private void html(RoutingContext ctx, int status, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.response().setStatusCode(status).putHeader("Content-Type", HTML).end(out.toString());
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable t = ctx.failure();
        int status;
        List<String> problems;
        if (t instanceof ApiException e) {
            status = e.status();
            problems = e.problems();
        } else if (t instanceof NoSuchTargetException
                || t instanceof TargetChangeRefused r && r.reason() == TargetChangeRefused.Reason.NOT_FOUND) {
            status = 404;
            problems = List.of(t.getMessage());
        } else if (t == null) {
            status = ctx.statusCode();
            problems = List.of(ctx.response().getStatusMessage());
        } else {
            status = 500;
            problems = List.of("internal error; see the service log");
            LOG.error("console {} failed", ctx.request().path(), t);
        }
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Content-Security-Policy", PAGE_POLICY));
        html(ctx, status, "error.jte", Map.of("status", status, "problems", problems));
    }

    private static Buffer asset(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the build: " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
