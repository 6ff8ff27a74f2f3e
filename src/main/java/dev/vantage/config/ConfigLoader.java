package dev.vantage.config;

import dev.vantage.target.Durations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and validates {@code vantage.yaml}, listing every problem with its path in the file. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Either a valid configuration or every problem found; never both. */
    public record Result(Optional<VantageConfig> config, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return config.isPresent();
        }
    }

    private final Secrets secrets;

    public ConfigLoader(Secrets secrets) {
        this.secrets = secrets;
    }

    public static Result load(Path file) {
        return new ConfigLoader(Secrets.fromSystem()).read(file);
    }

    /** For {@code vantage validate}: the problems of the file, empty when it is valid. */
    public static List<String> validate(Path file) {
        return load(file).errors();
    }

    public Result read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return new Result(Optional.empty(), List.of(file + ": cannot read the file (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")"));
        }
        return parse(text, file.toString());
    }

    public Result parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            return new Result(Optional.empty(), List.of(source + (loc == null ? "" : ":" + loc.getLineNr() + ":"
                    + loc.getColumnNr()) + ": not valid YAML: " + e.getOriginalMessage()));
        }
        List<String> problems = new ArrayList<>();
        Node top = new Node(root == null ? YAML.createObjectNode() : root, "", problems);
        if (!top.expectObject(Set.of("server", "storage", "targets", "auth", "probing", "alerts",
                "maintenance", "datasets"))) {
            return new Result(Optional.empty(), problems);
        }
        VantageConfig.Server server = server(top.child("server"));
        VantageConfig.Storage storage = storage(top.child("storage"));
        List<TargetSpec> targets = targets(top.child("targets"), problems);
        List<ApiToken> tokens = tokens(top.child("auth"));
        Node p = top.child("probing");
        p.expectObject(Set.of("allow-private", "allow-loopback", "ca-dir", "audit-every"));
        Optional<Duration> auditEvery = p.child("audit-every").parsed(Durations::tryParse, "a duration like 24h");
        auditEvery.filter(d -> d.compareTo(TargetParser.MIN_SLOW_CADENCE) < 0).ifPresent(d -> p.child("audit-every")
                .problem("must be at least " + Durations.format(TargetParser.MIN_SLOW_CADENCE)));
        var probing = new VantageConfig.Probing(p.child("allow-private").bool().orElse(false),
                p.child("allow-loopback").bool().orElse(false), caDir(p.child("ca-dir")),
                auditEvery.orElse(VantageConfig.Probing.DEFAULT_AUDIT_EVERY));
        AlertsConfig alerts = new AlertsParser(this::secret).alerts(top.child("alerts"));
        List<MaintenanceWindow> maintenance = AlertsParser.maintenance(top.child("maintenance"));
        dev.vantage.dataset.Datasets datasets = DatasetsParser.datasets(top.child("datasets"));
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        return new Result(Optional.of(new VantageConfig(server, storage, targets, tokens, probing, alerts,
                maintenance, datasets)), List.of());
    }

    private static VantageConfig.Server server(Node s) {
        s.expectObject(Set.of("host", "port", "max-body-bytes", "tls", "rate-limit"));
        return new VantageConfig.Server(s.child("host").text().orElse(VantageConfig.Server.DEFAULT_HOST),
                s.child("port").integer(0, 65535).orElse(VantageConfig.Server.DEFAULT_PORT),
                s.child("max-body-bytes").integer(1024, 16 * 1024 * 1024)
                        .orElse(VantageConfig.Server.DEFAULT_MAX_BODY_BYTES), tls(s.child("tls")),
                rateLimit(s.child("rate-limit")));
    }

    /** {@code rate-limit: {per-second: 50, burst: 100}} (the default), or {@code rate-limit: off}. */
    private static Optional<VantageConfig.RateLimit> rateLimit(Node r) {
        if (!r.isPresent()) {
            return Optional.of(VantageConfig.RateLimit.DEFAULT);
        }
        // YAML 1.1 reads a bare off as false: both spellings turn the limit off.
        if ((r.json.isTextual() && r.json.asText().equals("off")) || (r.json.isBoolean() && !r.json.booleanValue())) {
            return Optional.empty();
        }
        if (!r.json.isObject()) {
            r.problem("expected {per-second: N, burst: N} or off, got " + r.describe());
            return Optional.of(VantageConfig.RateLimit.DEFAULT);
        }
        r.expectObject(Set.of("per-second", "burst"));
        double perSecond = r.child("per-second").number().orElse(VantageConfig.RateLimit.DEFAULT.perSecond());
        if (!(perSecond > 0) || perSecond > 100_000) {
            r.child("per-second").problem("must be above 0 and at most 100000");
        }
        int burst = r.child("burst").integer(1, 1_000_000).orElse(VantageConfig.RateLimit.DEFAULT.burst());
        return Optional.of(new VantageConfig.RateLimit(perSecond, burst));
    }

    private static Optional<VantageConfig.Tls> tls(Node t) {
        if (!t.expectObject(Set.of("cert-file", "key-file", "cipher-suites"))) {
            return Optional.empty();
        }
        Optional<java.nio.file.Path> cert = readableFile(t.child("cert-file"));
        Optional<java.nio.file.Path> key = readableFile(t.child("key-file"));
        List<String> suites = TlsSuites.DEFAULT;
        Node given = t.child("cipher-suites");
        if (given.isPresent()) {
            suites = given.stringList();
            if (suites.isEmpty()) {
                given.problem("must list at least one cipher suite (or leave it out for the forward-secret default)");
            }
            for (Node suite : given.list()) {
                suite.text().flatMap(TlsSuites::unsupported).ifPresent(suite::problem);
            }
        }
        return cert.isPresent() && key.isPresent()
                ? Optional.of(new VantageConfig.Tls(cert.get(), key.get(), suites)) : Optional.empty();
    }

    private static Optional<CaDirectory> caDir(Node n) {
        Optional<java.nio.file.Path> dir = n.text().map(java.nio.file.Path::of);
        if (dir.isPresent() && !java.nio.file.Files.isDirectory(dir.get())) {
            n.problem("directory " + dir.get() + " does not exist (it holds the CA bundles API targets may name)");
            return Optional.empty();
        }
        return dir.map(CaDirectory::new);
    }

    private static Optional<java.nio.file.Path> readableFile(Node n) {
        Optional<java.nio.file.Path> path = n.requiredText().map(java.nio.file.Path::of);
        if (path.isPresent() && !java.nio.file.Files.isReadable(path.get())) {
            n.problem("file " + path.get() + " does not exist or is not readable");
            return Optional.empty();
        }
        return path;
    }

    private VantageConfig.Storage storage(Node s) {
        s.expectObject(Set.of("url", "user", "password", "retention", "clustered"));
        String url = s.child("url").text().orElse(VantageConfig.Storage.DEFAULT_URL);
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            s.child("url").problem("\"" + url + "\" is not a jdbc:h2: or jdbc:postgresql: URL");
        }
        Optional<String> password = s.child("password").text().flatMap(v -> secret(s.child("password"), v));
        Duration retention = s.child("retention").parsed(Durations::tryParse, "a duration like 30d, 12h")
                .orElse(VantageConfig.Storage.DEFAULT_RETENTION);
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            s.child("retention").problem("must be at least 1h");
        }
        return new VantageConfig.Storage(url, s.child("user").text(), password, retention,
                s.child("clustered").bool().orElse(false));
    }

    private List<TargetSpec> targets(Node t, List<String> problems) {
        TargetParser parser = TargetParser.forConfigFile(secrets);
        List<TargetSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node n : t.list()) {
            parser.parse(n.json, n.path, problems).ifPresent(spec -> {
                if (!names.add(spec.name())) {
                    n.child("name").problem("duplicate target name \"" + spec.name() + "\"; names must be unique");
                } else {
                    out.add(spec);
                }
            });
        }
        return out;
    }

    private List<ApiToken> tokens(Node auth) {
        List<ApiToken> out = new ArrayList<>();
        if (!auth.expectObject(Set.of("tokens"))) {
            return out;
        }
        Set<String> names = new HashSet<>();
        for (Node n : auth.child("tokens").list()) {
            if (!n.expectObject(Set.of("name", "token", "role"))) {
                continue;
            }
            Optional<String> name = n.child("name").requiredText();
            name.filter(x -> !names.add(x)).ifPresent(x -> n.child("name").problem("duplicate token name \"" + x + "\""));
            Optional<String> token = n.child("token").requiredText().flatMap(v -> {
                if (!Secrets.isReference(v)) {
                    n.child("token").problem("must be a reference (${ENV_VAR} or file:/path), not the token itself");
                    return Optional.empty();
                }
                return secret(n.child("token"), v);
            });
            token.filter(v -> v.length() < 16).ifPresent(v -> n.child("token").problem("the token is shorter than 16 characters"));
            Optional<Role> role = n.child("role").requiredText().flatMap(r -> {
                Optional<Role> parsed = Role.parse(r);
                if (parsed.isEmpty()) {
                    n.child("role").problem("\"" + r + "\" is not one of viewer, editor, admin");
                }
                return parsed;
            });
            if (name.isPresent() && token.isPresent() && role.isPresent()) {
                out.add(new ApiToken(name.get(), token.get(), role.get()));
            }
        }
        return out;
    }

    private Optional<String> secret(Node at, String value) {
        try {
            return Optional.of(secrets.resolve(value));
        } catch (IllegalArgumentException e) {
            at.problem(e.getMessage());
            return Optional.empty();
        }
    }
}
