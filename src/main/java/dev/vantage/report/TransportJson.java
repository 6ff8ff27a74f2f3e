package dev.vantage.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.check.tls.TlsRating;
import dev.vantage.probe.tls.AcceptedSuite;
import dev.vantage.probe.tls.CertificateFacts;
import dev.vantage.probe.tls.CertificateSummary;
import dev.vantage.probe.tls.ProtocolSupport;
import dev.vantage.probe.tls.TlsInspection;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The {@code probe} and {@code tls} sections of the JSON report (docs/report-format.md). */
final class TransportJson {

    private TransportJson() {
    }

    static void probe(ObjectNode node, ProbeSummary p) {
        node.put("statusCode", p.statusCode());
        node.put("httpVersion", p.httpVersion());
        node.put("ssl", p.ssl());
        node.put("redirects", p.redirects());
        node.put("contentLength", p.contentLength());
        ObjectNode phases = node.putObject("phasesMs");
        p.phases().forEach((phase, took) -> phases.put(phase.label(), millis(took)));
        if (p.earliestCertExpiry().isPresent()) {
            node.put("earliestCertExpiry", p.earliestCertExpiry().get().toString());
        } else {
            node.putNull("earliestCertExpiry");
        }
        if (p.tlsVersion().isPresent()) {
            node.put("tlsVersion", p.tlsVersion().get());
        } else {
            node.putNull("tlsVersion");
        }
    }

    static void tls(ObjectNode node, TlsReport tls) {
        TlsInspection in = tls.inspection();
        node.put("host", in.host());
        node.put("port", in.port());
        node.put("durationMs", millis(in.took()));
        rating(node.putObject("rating"), tls.rating());
        ArrayNode protocols = node.putArray("protocols");
        for (ProtocolSupport p : in.protocols()) {
            ObjectNode pn = protocols.addObject();
            pn.put("protocol", p.protocol().label());
            pn.put("accepted", p.accepted());
            p.serverPreference().ifPresent(pref -> pn.put("serverPreference", pref));
            ArrayNode suites = pn.putArray("suites");
            for (AcceptedSuite s : p.suites()) {
                ObjectNode sn = suites.addObject();
                sn.put("name", s.ianaName());
                s.keyExchange().ifPresent(kx -> sn.put("keyExchange", kx.kind() + " " + kx.group() + " ("
                        + kx.bits() + " bits)"));
            }
        }
        certificate(node.putObject("certificate"), in.certificate(), in);
        in.compression().ifPresent(v -> node.put("compression", v));
        in.secureRenegotiation().ifPresent(v -> node.put("secureRenegotiation", v));
        in.fallbackScsv().ifPresent(v -> node.put("fallbackScsv", v));
        node.put("alpnH2", in.alpnH2());
        ArrayNode errors = node.putArray("errors");
        in.errors().forEach(errors::add);
    }

    private static void rating(ObjectNode node, TlsRating r) {
        node.put("letter", r.letter());
        node.put("score", r.score());
        node.put("protocolScore", r.protocolScore());
        node.put("keyExchangeScore", r.keyExchangeScore());
        node.put("cipherScore", r.cipherScore());
        ArrayNode caps = node.putArray("caps");
        r.caps().forEach(c -> caps.addObject().put("letter", c.letter()).put("reason", c.reason()));
        ArrayNode warnings = node.putArray("warnings");
        r.warnings().forEach(warnings::add);
    }

    private static void certificate(ObjectNode node, CertificateFacts c, TlsInspection in) {
        node.put("trusted", c.trust().trusted());
        c.trust().problem().ifPresent(p -> node.put("problem", p));
        node.put("hostnameMatches", c.hostnameMatches());
        node.put("selfSigned", c.selfSigned());
        node.put("chainInOrder", c.chainInOrder());
        node.put("chainComplete", c.chainComplete());
        node.put("ocspStapled", c.ocspStapled());
        c.leaf().ifPresent(leaf -> node.put("daysLeft", ChronoUnit.DAYS.between(in.observedAt(), leaf.notAfter())));
        ArrayNode chain = node.putArray("chain");
        for (CertificateSummary s : c.chain()) {
            ObjectNode cn = chain.addObject();
            cn.put("subject", s.subject());
            cn.put("issuer", s.issuer());
            ArrayNode sans = cn.putArray("subjectAltNames");
            s.subjectAltNames().forEach(sans::add);
            cn.put("notBefore", s.notBefore().toString());
            cn.put("notAfter", s.notAfter().toString());
            cn.put("keyAlgorithm", s.keyAlgorithm());
            cn.put("keyBits", s.keyBits());
            cn.put("signatureAlgorithm", s.signatureAlgorithm());
            cn.put("sha256Fingerprint", s.sha256Fingerprint());
        }
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 10_000.0) / 100.0;
    }
}
