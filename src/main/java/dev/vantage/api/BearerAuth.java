package dev.vantage.api;

import dev.vantage.config.ApiToken;
import dev.vantage.config.Role;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Bearer-token authentication with roles. Tokens are compared as SHA-256 digests with a constant-time comparison,
 * so neither the content nor the length of a token leaks through timing. Without configured tokens, anonymous
 * callers are viewers: the API reads but never writes until tokens are set.
 */
public final class BearerAuth implements Handler<RoutingContext> {

    /** Where the caller's {@link Role} is kept on the routing context; the console's session sign-in sets it too. */
    public static final String ROLE = "vantage.role";

    private record Known(byte[] digest, Role role) {
    }

    private final List<Known> tokens;

    public BearerAuth(List<ApiToken> tokens) {
        this.tokens = tokens.stream().map(t -> new Known(digest(t.secret()), t.role())).toList();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            if (tokens.isEmpty()) {
                ctx.put(ROLE, Role.VIEWER);
                ctx.next();
            } else {
                unauthorized(ctx, "send Authorization: Bearer <token>");
            }
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(ctx, "only Bearer tokens are accepted");
            return;
        }
        Optional<Role> role = roleOf(header.substring(7).trim());
        if (role.isEmpty()) {
            unauthorized(ctx, "the token is not valid");
            return;
        }
        ctx.put(ROLE, role.get());
        ctx.next();
    }

    /** Checks every known token (no early exit), so the time taken does not say which one nearly matched. */
    public Optional<Role> roleOf(String presented) {
        byte[] d = digest(presented);
        Role found = null;
        for (Known k : tokens) {
            if (MessageDigest.isEqual(d, k.digest) && found == null) {
                found = k.role;
            }
        }
        return Optional.ofNullable(found);
    }

    /** No token is configured: everyone reads, nobody writes. */
    public boolean open() {
        return tokens.isEmpty();
    }

    /** A handler that lets the request through only when the caller's role includes {@code required}. */
    public static Handler<RoutingContext> requires(Role required) {
        return ctx -> {
            Role role = ctx.get(ROLE);
            if (role == null) {
                unauthorized(ctx, "send Authorization: Bearer <token>");
            } else if (!role.permits(required)) {
                ctx.fail(new ApiException(403, "this needs the " + required.id() + " role; the token has "
                        + role.id()));
            } else {
                ctx.next();
            }
        };
    }

    private static void unauthorized(RoutingContext ctx, String why) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"vantage\"");
        ctx.fail(new ApiException(401, why));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
