package dev.vantage.console;

import dev.vantage.api.ApiException;
import dev.vantage.api.BearerAuth;
import dev.vantage.api.FailedRequest;
import dev.vantage.config.Role;
import dev.vantage.config.TargetParser;
import dev.vantage.config.TargetSpec;
import dev.vantage.probe.RunKind;
import dev.vantage.service.TargetChangeRefused;
import dev.vantage.service.TargetManager;
import dev.vantage.store.SessionRepository;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web console (docs/console.md): server-rendered pages of the targets and their report cards for viewers, sign-in
 * with the API tokens, forms for editors (run now, add, edit, delete a target, judged by the API's parser), a public
 * status page and grade badges for targets marked {@code public: true}, and the one stylesheet. No script anywhere,
 * so the pages carry a CSP that allows only Vantage's own stylesheet and images.
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
    private final TargetManager targets;
    private final TargetParser parser;
    private final ConsoleAuth auth;
    private final Optional<Handler<RoutingContext>> signInLimit;
    private final TemplateEngine templates =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.vantage.console.templates");
    private final Map<String, Buffer> assets;
    private final long maxBodyBytes;

    /**
     * @param bearer      the API's bearer authentication, so a page needs the same role as its API call
     * @param parser      the API's target parser, so the forms give the API's answers
     * @param sessions    where sign-in sessions are kept (the service's database, shared by a cluster)
     * @param signInLimit the API's per-client rate limit, also in front of the sign-in form (empty: none)
     * @param maxBodyBytes the API's body limit, which the forms share (named on the error page)
     */
    public ConsoleRoutes(Vertx vertx, TargetManager targets, BearerAuth bearer, TargetParser parser,
                         SessionRepository sessions, Optional<Handler<RoutingContext>> signInLimit,
                         long maxBodyBytes, Clock clock) {
        this.maxBodyBytes = maxBodyBytes;
        this.data = new ConsoleData(vertx, targets, clock);
        this.targets = targets;
        this.parser = parser;
        this.auth = new ConsoleAuth(bearer, new Sessions(sessions, clock));
        this.signInLimit = signInLimit;
        this.assets = ASSETS.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(k -> k,
                ConsoleRoutes::asset));
    }

    public ConsoleRoutes(Vertx vertx, TargetManager targets, BearerAuth bearer, TargetParser parser,
                         SessionRepository sessions, Optional<Handler<RoutingContext>> signInLimit,
                         long maxBodyBytes) {
        this(vertx, targets, bearer, parser, sessions, signInLimit, maxBodyBytes, Clock.systemUTC());
    }

    public void mount(Router r) {
        Handler<RoutingContext> authenticate = auth::authenticate;
        Handler<RoutingContext> viewer = BearerAuth.requires(Role.VIEWER);
        Handler<RoutingContext> editor = BearerAuth.requires(Role.EDITOR);
        Handler<RoutingContext> form = auth::verifyForm;
        r.get("/console/:asset").handler(this::asset);
        r.get("/login").handler(ConsoleRoutes::pagePolicy).handler(ctx -> signInPage(ctx, 200, ""));
        Route signIn = r.post("/login").handler(ConsoleRoutes::pagePolicy);
        signInLimit.ifPresent(signIn::handler);
        signIn.handler(this::signIn);
        r.post("/logout").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(form).handler(ctx ->
                auth.signOut(ctx).onSuccess(gone -> {
                    ctx.response().addCookie(gone);
                    redirect(ctx, "/login");
                }).onFailure(ctx::fail));
        r.get("/").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(viewer).handler(ctx ->
                data.rows().map(rows -> TargetListing.of(rows, ctx.queryParams().get("sort"),
                                ctx.queryParams().get("dir"), ctx.queryParams().get("label")))
                        .onSuccess(list -> page(ctx, 200, "index.jte", Map.of("list", list)))
                        .onFailure(ctx::fail));
        r.get("/add-target").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(editor).handler(ctx ->
                formPage(ctx, 200, TargetForm.blank(), false));
        r.post("/targets").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(form).handler(editor)
                .handler(ctx -> save(ctx, Optional.empty()));
        r.get("/targets/:name").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(viewer).handler(ctx ->
                data.card(ctx.pathParam("name")).onSuccess(card -> page(ctx, 200, "target.jte", Map.of("page", card)))
                        .onFailure(ctx::fail));
        r.get("/targets/:name/edit").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(editor)
                .handler(ctx -> targets.get(ctx.pathParam("name"))
                        .onSuccess(t -> formPage(ctx, 200, TargetForm.of(t.spec()), true)).onFailure(ctx::fail));
        r.post("/targets/:name").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(form).handler(editor)
                .handler(ctx -> targets.get(ctx.pathParam("name"))
                        .onSuccess(t -> save(ctx, Optional.of(t.spec()))).onFailure(ctx::fail));
        r.post("/targets/:name/delete").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(form)
                .handler(editor).handler(ctx -> targets.delete(ctx.pathParam("name"))
                        .onSuccess(v -> redirect(ctx, "/")).onFailure(ctx::fail));
        r.post("/targets/:name/run").handler(ConsoleRoutes::pagePolicy).handler(authenticate).handler(form)
                .handler(editor).handler(this::run);
        r.get("/status").handler(ConsoleRoutes::pagePolicy).handler(ctx ->
                data.status().onSuccess(rows -> page(ctx, 200, "status.jte", Map.of("rows", rows)))
                        .onFailure(ctx::fail));
        r.get("/badge/:file").handler(this::badge);
        for (String path : List.of("/", "/login", "/logout", "/add-target", "/targets", "/targets/*", "/status",
                "/badge/*", "/console/*")) {
            r.route(path).failureHandler(this::failure);
        }
    }

    private void signIn(RoutingContext ctx) {
        ConsoleAuth.sameOrigin(ctx.request());
        auth.signIn(ctx, ctx.request().getFormAttribute("token")).onSuccess(cookie -> {
            if (cookie.isEmpty()) {
                // No session, and the same answer for an empty, unknown or mistyped token.
                signInPage(ctx, 401, "That token is not one of the configured API tokens. Check it and try again.");
                return;
            }
            ctx.response().addCookie(cookie.get());
            redirect(ctx, "/");
        }).onFailure(ctx::fail);
    }

    private void signInPage(RoutingContext ctx, int status, String problem) {
        html(ctx, status, "login.jte", Map.of("visitor", auth.visitor(ctx), "problem", problem));
    }

    /** {@code kind=pulse|audit} from the button; back to the report card after the run (post, redirect, get). */
    private void run(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String kind = String.valueOf(ctx.request().getFormAttribute("kind"));
        RunKind runKind = RunKind.parse(kind).filter(k -> k != RunKind.LOAD).orElseThrow(() ->
                new ApiException(400, "kind: \"" + kind + "\" is not a run the console starts; use pulse or audit"));
        targets.run(name, runKind).onSuccess(o -> redirect(ctx, "/targets/" + name)).onFailure(ctx::fail);
    }

    /** Creates ({@code base} empty) or updates a target from the form; the form again, with its problems, if refused. */
    private void save(RoutingContext ctx, Optional<TargetSpec> base) {
        TargetForm form = TargetForm.from(ctx.request().formAttributes(), base.map(TargetSpec::name));
        List<String> problems = new ArrayList<>();
        var tree = form.tree(base, problems);
        Optional<TargetSpec> spec = parser.parse(tree, "", problems);
        if (!problems.isEmpty() || spec.isEmpty()) {
            formPage(ctx, 400, form.withProblems(problems), base.isPresent());
            return;
        }
        (base.isPresent() ? targets.update(spec.get()) : targets.create(spec.get()))
                .onSuccess(t -> redirect(ctx, "/targets/" + t.spec().name()))
                .onFailure(e -> {
                    if (e instanceof TargetChangeRefused refused
                            && refused.reason() != TargetChangeRefused.Reason.NOT_FOUND) {
                        formPage(ctx, 409, form.withProblems(List.of(e.getMessage())), base.isPresent());
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private void formPage(RoutingContext ctx, int status, TargetForm form, boolean editing) {
        page(ctx, status, "target-form.jte", Map.of("form", form, "editing", editing));
    }

    /** A page that shows who is signed in and, to editors, the forms: gets the visitor besides {@code params}. */
    private void page(RoutingContext ctx, int status, String template, Map<String, Object> params) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put("visitor", auth.visitor(ctx));
        html(ctx, status, template, all);
    }

    /** 303: the browser follows with a GET, so reloading the page does not post the form again. */
    private static void redirect(RoutingContext ctx, String path) {
        ctx.response().setStatusCode(303).putHeader("Location", path).end();
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
        FailedRequest failed = FailedRequest.of(ctx, maxBodyBytes, LOG);
        int status = failed.status();
        List<String> problems = failed.problems();
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set("Content-Security-Policy", PAGE_POLICY));
        html(ctx, status, "error.jte", Map.of("status", status, "problems", problems,
                "visitor", auth.visitor(ctx)));
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
