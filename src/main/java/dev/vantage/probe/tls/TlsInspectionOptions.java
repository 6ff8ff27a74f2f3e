package dev.vantage.probe.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How one TLS inspection runs.
 *
 * @param serverName       SNI and the name the certificate must match; defaults to the host
 * @param caFile           extra trusted roots in PEM (the CLI's {@code --ca-file}), on top of the JDK trust store
 * @param handshakeTimeout bound for each single handshake
 * @param deadline         bound for the whole inspection
 * @param concurrency      handshakes in flight at once against the target (politeness cap)
 * @param bundleSize       suites offered per hello (at most 128: some servers choke on longer hellos)
 */
public record TlsInspectionOptions(Optional<String> serverName, Optional<Path> caFile, Duration handshakeTimeout,
                                   Duration deadline, int concurrency, int bundleSize, Set<TlsProtocol> protocols) {

    public TlsInspectionOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("TLS concurrency must be at least 1, got " + concurrency);
        }
        if (bundleSize < 1 || bundleSize > 128) {
            throw new IllegalArgumentException("TLS suite bundle size must be 1..128, got " + bundleSize);
        }
        protocols = protocols.isEmpty() ? EnumSet.noneOf(TlsProtocol.class) : EnumSet.copyOf(protocols);
    }

    public static TlsInspectionOptions defaults() {
        return new TlsInspectionOptions(Optional.empty(), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 8, 128, EnumSet.allOf(TlsProtocol.class));
    }

    public TlsInspectionOptions withServerName(String name) {
        return new TlsInspectionOptions(Optional.ofNullable(name), caFile, handshakeTimeout, deadline, concurrency,
                bundleSize, protocols);
    }

    public TlsInspectionOptions withCaFile(Path file) {
        return new TlsInspectionOptions(serverName, Optional.ofNullable(file), handshakeTimeout, deadline, concurrency,
                bundleSize, protocols);
    }

    public TlsInspectionOptions withTimeouts(Duration handshake, Duration total) {
        return new TlsInspectionOptions(serverName, caFile, handshake, total, concurrency, bundleSize, protocols);
    }

    /** Only these protocols are enumerated (the certificate handshake always runs). */
    public TlsInspectionOptions withProtocols(Set<TlsProtocol> only) {
        return new TlsInspectionOptions(serverName, caFile, handshakeTimeout, deadline, concurrency, bundleSize, only);
    }

    public TlsInspectionOptions withConcurrency(int n) {
        return new TlsInspectionOptions(serverName, caFile, handshakeTimeout, deadline, n, bundleSize, protocols);
    }
}
