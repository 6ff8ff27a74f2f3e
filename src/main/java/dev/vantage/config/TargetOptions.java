package dev.vantage.config;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.http.Header;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.tls.TrustStores;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps a target's settings and the probing policy to the options of one probe run; {@code plan.RunPlanner} is its
 * caller, for the service's targets and {@code vantage check}'s flags alike.
 */
public final class TargetOptions {

    private TargetOptions() {
    }

    /**
     * Secret header references are resolved here, at probe time, so stored targets never hold their values; and
     * only for targets from the config file. A target sent through the API was refused any reference when it was
     * written; should one reach here anyway (a row from an older version, a hand edit), it is refused again rather
     * than resolved, and its {@code ca-file} must still lie in {@code probing.ca-dir}.
     *
     * @throws UnusableTargetException when the target cannot be probed as it stands
     */
    public static ProbeOptions of(TargetSpec t, VantageConfig.Probing probing, Secrets secrets) {
        ProbeOptions o = ProbeOptions.defaults()
                .withAddressPolicy(new AddressPolicy(probing.allowLoopback(), probing.allowPrivate()))
                .withResolve(t.resolve());
        if (t.timeout().isPresent()) {
            o = o.withTimeout(t.timeout().get());
        }
        if (t.caFile().isPresent()) {
            o = o.withCaFile(caFile(t, probing));
        }
        if (t.httpPort().isPresent()) {
            o = o.withHttpPort(t.httpPort().get());
        }
        if (!t.headers().isEmpty()) {
            List<Header> headers = new ArrayList<>();
            new TreeMap<>(t.headers()).forEach((k, v) -> headers.add(new Header(k, headerValue(t, k, v, secrets))));
            o = o.withExtraHeaders(new Headers(headers));
        }
        return o;
    }

    private static String headerValue(TargetSpec t, String name, String value, Secrets secrets) {
        if (!Secrets.isReference(value) || t.origin() == TargetSpec.Origin.COMMAND_LINE) {
            return value;
        }
        if (!t.origin().mayReferenceSecrets()) {
            throw new UnusableTargetException(t.name(), "headers." + name + ": " + TargetParser.REFERENCE_REFUSED
                    + " (PUT the target with a literal value)");
        }
        try {
            return secrets.resolve(value);
        } catch (IllegalArgumentException e) {
            throw new UnusableTargetException(t.name(), "headers." + name + ": " + e.getMessage());
        }
    }

    /** The bundle, checked now as a probe would load it, so a bad one is the user's error and not a failed run. */
    private static Path caFile(TargetSpec t, VantageConfig.Probing probing) {
        Path ca = t.caFile().orElseThrow();
        try {
            if (!t.origin().mayNameAnyFile()) {
                CaDirectory dir = probing.caDir().orElseThrow(() -> new IllegalArgumentException(
                        CaDirectory.HOW_TO_ENABLE));
                ca = dir.bundle(ca.toString());
            }
            TrustStores.load(Optional.of(ca));
            return ca;
        } catch (IllegalArgumentException e) {
            throw new UnusableTargetException(t.name(), "ca-file: " + e.getMessage());
        }
    }
}
