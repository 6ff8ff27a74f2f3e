package dev.vantage.api;

import dev.vantage.config.UnusableTargetException;
import dev.vantage.plan.RunRefusedException;
import dev.vantage.schedule.NoSuchTargetException;
import dev.vantage.service.TargetChangeRefused;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;

import java.util.List;

/**
 * What a failed request is answered with: one mapping from failure to status and problems, shared by the JSON API
 * and the console's error page, so the two front doors never say different things about the same failure.
 *
 * @param problems one line each, safe to show (an unexpected error is logged, never shown)
 */
public record FailedRequest(int status, List<String> problems) {

    public FailedRequest {
        problems = List.copyOf(problems);
    }

    /**
     * @param maxBodyBytes the body limit, named when a body was refused for its size
     * @param log          where an unexpected error is logged, with the request
     */
    public static FailedRequest of(RoutingContext ctx, long maxBodyBytes, Logger log) {
        Throwable t = ctx.failure();
        if (t instanceof ApiException e) {
            return new FailedRequest(e.status(), e.problems());
        }
        if (t instanceof NoSuchTargetException
                || t instanceof TargetChangeRefused r && r.reason() == TargetChangeRefused.Reason.NOT_FOUND) {
            return new FailedRequest(404, List.of(t.getMessage()));
        }
        if (t instanceof TargetChangeRefused || t instanceof RunRefusedException
                || t instanceof UnusableTargetException) {
            return new FailedRequest(409, List.of(t.getMessage()));
        }
        if (t == null && ctx.statusCode() == 413) {
            return new FailedRequest(413, List.of("the body is larger than " + maxBodyBytes + " bytes"));
        }
        if (t == null) {
            return new FailedRequest(ctx.statusCode(), List.of(String.valueOf(ctx.response().getStatusMessage())));
        }
        log.error("{} {} failed", ctx.request().method(), ctx.request().path(), t);
        return new FailedRequest(500, List.of("internal error; see the service log"));
    }
}
