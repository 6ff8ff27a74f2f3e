package dev.vantage.config;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.http.Headers;

import java.util.ArrayList;
import java.util.List;

/** Maps a target and the service's probing policy to the options of one probe run. */
public final class TargetOptions {

    private TargetOptions() {
    }

    /** Secret header references are resolved here, at probe time, so stored targets never hold their values. */
    public static ProbeOptions of(TargetSpec t, VantageConfig.Probing probing, Secrets secrets) {
        ProbeOptions o = ProbeOptions.defaults()
                .withAddressPolicy(new AddressPolicy(probing.allowLoopback(), probing.allowPrivate()))
                .withResolve(t.resolve());
        if (t.timeout().isPresent()) {
            o = o.withTimeout(t.timeout().get());
        }
        if (t.caFile().isPresent()) {
            o = o.withCaFile(t.caFile().get());
        }
        if (t.httpPort().isPresent()) {
            o = o.withHttpPort(t.httpPort().get());
        }
        if (!t.headers().isEmpty()) {
            List<Header> headers = new ArrayList<>();
            new java.util.TreeMap<>(t.headers()).forEach((k, v) -> headers.add(new Header(k, secrets.resolve(v))));
            o = o.withExtraHeaders(new Headers(headers));
        }
        return o;
    }
}
