package dev.vantage.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole service configuration, validated; built by {@link ConfigLoader}.
 *
 * @param alerts      incident thresholds and notification channels (docs/alerting.md)
 * @param maintenance recurring maintenance windows
 * @param datasets    vulnerability and end-of-life data, bundled unless files replace them (docs/datasets.md)
 */
public record VantageConfig(Server server, Storage storage, List<TargetSpec> targets, List<ApiToken> tokens,
                            Probing probing, AlertsConfig alerts, List<MaintenanceWindow> maintenance,
                            dev.vantage.dataset.Datasets datasets) {

    /** A configuration with the bundled datasets. */
    public VantageConfig(Server server, Storage storage, List<TargetSpec> targets, List<ApiToken> tokens,
                         Probing probing, AlertsConfig alerts, List<MaintenanceWindow> maintenance) {
        this(server, storage, targets, tokens, probing, alerts, maintenance, dev.vantage.dataset.Datasets.bundled());
    }

    public VantageConfig {
        targets = List.copyOf(targets);
        tokens = List.copyOf(tokens);
        maintenance = List.copyOf(maintenance);
        java.util.Objects.requireNonNull(alerts, "alerts");
    }

    /** A configuration with the default alerting and no maintenance window. */
    public VantageConfig(Server server, Storage storage, List<TargetSpec> targets, List<ApiToken> tokens,
                         Probing probing) {
        this(server, storage, targets, tokens, probing, AlertsConfig.DEFAULT, List.of());
    }

    /**
     * Where the HTTP API and {@code /metrics} listen; {@code maxBodyBytes} bounds API request bodies;
     * {@code rateLimit} bounds each client's {@code /api} requests (empty: unlimited).
     */
    public record Server(String host, int port, int maxBodyBytes, Optional<Tls> tls, Optional<RateLimit> rateLimit) {
        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 8080;
        public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

        public Server(String host, int port, int maxBodyBytes) {
            this(host, port, maxBodyBytes, Optional.empty(), Optional.of(RateLimit.DEFAULT));
        }
    }

    /** A token bucket per client address: {@code perSecond} sustained, {@code burst} at once. */
    public record RateLimit(double perSecond, int burst) {
        public static final RateLimit DEFAULT = new RateLimit(50, 100);
    }

    /**
     * Optional HTTPS for the service itself: PEM certificate chain and private key files, and the cipher suites
     * offered under TLS 1.2 and 1.3 (by default forward-secret AEAD suites only, see {@link TlsSuites}).
     */
    public record Tls(java.nio.file.Path certFile, java.nio.file.Path keyFile, List<String> cipherSuites) {
        public Tls {
            cipherSuites = List.copyOf(cipherSuites);
        }
    }

    /** The database (H2 file by default, or PostgreSQL), how long results are kept, and Quartz clustering. */
    public record Storage(String url, Optional<String> user, Optional<String> password, Duration retention,
                          boolean clustered) {
        public static final String DEFAULT_URL = "jdbc:h2:file:./data/vantage";
        public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

        @Override
        public String toString() {
            return "Storage[url=" + url + ", user=" + user.orElse("") + ", retention=" + retention + "]";
        }
    }

    /**
     * Which address ranges scheduled probes may reach (link-local and metadata addresses never), the directory of
     * CA bundles that targets sent through the API may name as {@code ca-file} (none: they may name none), and how
     * often a target without its own {@code audit:} cadence is audited.
     */
    public record Probing(boolean allowPrivate, boolean allowLoopback, Optional<CaDirectory> caDir,
                          Duration auditEvery) {
        public static final Duration DEFAULT_AUDIT_EVERY = Duration.ofHours(24);

        public Probing(boolean allowPrivate, boolean allowLoopback) {
            this(allowPrivate, allowLoopback, Optional.empty(), DEFAULT_AUDIT_EVERY);
        }

        public Probing(boolean allowPrivate, boolean allowLoopback, Optional<CaDirectory> caDir) {
            this(allowPrivate, allowLoopback, caDir, DEFAULT_AUDIT_EVERY);
        }
    }
}
