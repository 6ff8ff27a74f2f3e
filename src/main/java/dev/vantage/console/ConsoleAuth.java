package dev.vantage.console;

import dev.vantage.api.ApiException;
import dev.vantage.api.BearerAuth;
import dev.vantage.config.Role;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import io.vertx.core.net.HostAndPort;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may see and change what in the console. A page is read with a session cookie (browsers) or a bearer token
 * (scripts), the same roles as the API. Every form post must come from a session, from this origin, and carry the
 * session's CSRF token: a bearer token alone cannot post forms, so a forged cross-site post has nothing to ride on.
 */
final class ConsoleAuth {

    /** {@code __Host-}: only accepted with Secure, Path=/ and no Domain, so a sibling host cannot plant it. */
    static final String COOKIE = "__Host-vantage-session";
    static final String CSRF_FIELD = "csrf";
    private static final String SESSION = "vantage.console.session";

    private final BearerAuth bearer;
    private final Sessions sessions;

    ConsoleAuth(BearerAuth bearer, Sessions sessions) {
        this.bearer = bearer;
        this.sessions = sessions;
    }

    /** Sets the caller's role from the session cookie, else leaves it to the bearer token (or the open mode). */
    void authenticate(RoutingContext ctx) {
        Optional<String> id = ctx.request().getHeader("Authorization") == null ? sessionId(ctx) : Optional.empty();
        if (id.isEmpty()) {
            bearer.handle(ctx);
            return;
        }
        blocking(ctx, () -> sessions.find(id.get())).onSuccess(session -> {
            if (session.isEmpty()) {
                bearer.handle(ctx);
                return;
            }
            ctx.put(BearerAuth.ROLE, session.get().role());
            ctx.put(SESSION, session.get());
            ctx.next();
        }).onFailure(ctx::fail);
    }

    /** Lets a form post through only from this origin, with a session and that session's CSRF token. */
    void verifyForm(RoutingContext ctx) {
        sameOrigin(ctx.request());
        Sessions.Session session = ctx.get(SESSION);
        if (session == null) {
            throw new ApiException(403, "forms need a signed-in console session (sign in at /login); "
                    + "scripts use the API under /api");
        }
        String sent = ctx.request().getFormAttribute(CSRF_FIELD);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(403, "the form's CSRF token is missing or wrong; reload the page and try again");
        }
        ctx.next();
    }

    /**
     * Refuses a post another site's page made: {@code Sec-Fetch-Site} other than same-origin (or a direct
     * navigation), or an {@code Origin} whose host differs from the one asked. Absent headers (old browsers,
     * scripts) leave the decision to the session and CSRF token, and so does {@code Origin: null}: browsers send
     * that for their own same-origin forms under the {@code Referrer-Policy: no-referrer} every answer carries.
     */
    static void sameOrigin(HttpServerRequest req) {
        String site = req.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ApiException(403, "a form of another site (Sec-Fetch-Site: " + site + ") cannot post here");
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !origin.equals("null") && !sameHost(origin, req)) {
            throw new ApiException(403, "a form from " + origin + " cannot post here");
        }
    }

    /** The origin names the host and port asked (the Host header, or HTTP/2's :authority). */
    private static boolean sameHost(String origin, HttpServerRequest req) {
        HostAndPort asked = req.authority();
        URI from;
        try {
            from = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        if (asked == null || from.getHost() == null) {
            return false;
        }
        int askedPort = asked.port() > 0 ? asked.port() : req.isSSL() ? 443 : 80;
        int fromPort = from.getPort() > 0 ? from.getPort() : "https".equals(from.getScheme()) ? 443 : 80;
        return from.getHost().equalsIgnoreCase(asked.host()) && fromPort == askedPort;
    }

    /** The visitor of an authenticated request, for the templates. */
    Visitor visitor(RoutingContext ctx) {
        Sessions.Session session = ctx.get(SESSION);
        if (session == null) {
            return new Visitor(false, false, "", !bearer.open());
        }
        return new Visitor(true, session.role().permits(Role.EDITOR), session.csrf(), true);
    }

    /**
     * Checks a token typed into the sign-in form; opens a session and returns its cookie, or empty. A session the
     * browser already had ends either way: each sign-in gets a fresh id, so an id planted before it is worth nothing.
     */
    Future<Optional<Cookie>> signIn(RoutingContext ctx, String token) {
        Optional<String> planted = sessionId(ctx);
        Optional<Role> role = bearer.roleOf(token == null ? "" : token.trim());
        return blocking(ctx, () -> {
            planted.ifPresent(sessions::close);
            return role.map(sessions::open);
        }).map(id -> id.map(ConsoleAuth::cookie));
    }

    /** Ends the request's session; returns the cookie that makes the browser forget it. */
    Future<Cookie> signOut(RoutingContext ctx) {
        Optional<String> id = sessionId(ctx);
        return blocking(ctx, () -> {
            id.ifPresent(sessions::close);
            return cookie("").setMaxAge(0);
        });
    }

    /** Sessions live in the database: JDBC on a worker, never on the event loop. */
    private static <T> Future<T> blocking(RoutingContext ctx, java.util.concurrent.Callable<T> work) {
        return ctx.vertx().executeBlocking(work, false);
    }

    private static Optional<String> sessionId(RoutingContext ctx) {
        return Optional.ofNullable(ctx.request().getCookie(COOKIE)).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    private static Cookie cookie(String value) {
        return Cookie.cookie(COOKIE, value).setPath("/").setSecure(true).setHttpOnly(true)
                .setSameSite(io.vertx.core.http.CookieSameSite.STRICT);
    }
}
