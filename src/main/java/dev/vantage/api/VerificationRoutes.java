package dev.vantage.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.Role;
import dev.vantage.probe.load.DnsTxtVerification;
import dev.vantage.probe.load.Ownership;
import dev.vantage.service.TargetManager;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Optional;

/**
 * The ownership-verification endpoints (docs/api.md, docs/load.md): the token to publish and where, a check of
 * the proof that sends no load, and token rotation. Viewers may read the token: it proves nothing until the site
 * serves it, and serving it takes control of the site.
 */
final class VerificationRoutes {

    private final TargetManager targets;

    VerificationRoutes(TargetManager targets) {
        this.targets = targets;
    }

    void mount(Router r) {
        r.get("/api/targets/:name/verification").handler(BearerAuth.requires(Role.VIEWER)).handler(ctx ->
                targets.verification(ctx.pathParam("name")).onSuccess(v -> ApiServer.json(ctx, 200, json(v)))
                        .onFailure(ctx::fail));
        r.post("/api/targets/:name/verification/check").handler(BearerAuth.requires(Role.EDITOR)).handler(this::check);
        r.post("/api/targets/:name/verification/rotate").handler(BearerAuth.requires(Role.EDITOR)).handler(ctx ->
                targets.rotateVerification(ctx.pathParam("name")).onSuccess(v -> ApiServer.json(ctx, 200, json(v)))
                        .onFailure(ctx::fail));
    }

    private void check(RoutingContext ctx) {
        targets.checkOwnership(ctx.pathParam("name")).onSuccess(v -> {
            ObjectNode body = ApiServer.JSON.createObjectNode();
            body.put("verified", v.verified());
            body.put("url", v.url().toString());
            body.put("method", v.method().label());
            body.put("message", v.message());
            ApiServer.json(ctx, 200, body);
        }).onFailure(ctx::fail);
    }

    static ObjectNode json(TargetManager.Verification v) {
        URI url = v.target().spec().url();
        ObjectNode o = ApiServer.JSON.createObjectNode();
        o.put("target", v.target().spec().name());
        o.put("token", v.token());
        o.put("loadConfigured", v.target().spec().load().isPresent());
        ObjectNode file = o.putObject("wellKnownFile");
        file.put("url", Ownership.location(url).toString());
        file.put("body", v.token());
        ObjectNode dns = o.putObject("dnsTxt");
        Optional<String> name = DnsTxtVerification.recordName(url);
        if (name.isPresent()) {
            dns.put("name", name.get());
            dns.put("value", v.token());
        } else {
            dns.putNull("name");
            dns.put("value", "not available: the target's host is an IP address");
        }
        o.put("note", "serve the token as the body of the well-known file (status 200, no redirect) or publish it "
                + "as the DNS TXT record; the proof is checked on the origin of the page after its redirects, "
                + "before every load run");
        return o;
    }
}
