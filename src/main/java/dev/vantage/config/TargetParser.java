package dev.vantage.config;

import dev.vantage.grade.Grade;

import dev.vantage.probe.load.LoadSettings;
import dev.vantage.target.TargetUrl;

import dev.vantage.target.Durations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one target from a YAML or JSON tree, reporting every problem with its path; shared by the config file, the
 * API and the store so all accept the same shape. What each may name differs only where trust differs: secret
 * references and arbitrary {@code ca-file} paths are the operator's alone. {@link #toJson} is the inverse, used to
 * store targets. Each field's rule is {@link TargetFields}', shared with {@code vantage check}'s flags; this class
 * adds where in the tree a refused value was written.
 */
public final class TargetParser {

    static final Set<String> KEYS = Set.of("name", "url", "schedule", "checks", "timeout", "headers", "ca-file",
            "resolve", "http-port", "labels", "load", "audit", "expect", "slo", "public");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");
    /** Labels Vantage sets itself: a target label with one of these names would hide ours. */
    private static final Set<String> RESERVED_LABELS = Set.of("target", "instance", "phase", "area", "check", "grade",
            "job", "le", "quantile", "version", "percentile", "outcome", "kind");
    private static final Duration MIN_INTERVAL = CronRules.MIN_INTERVAL;
    /** Audits and load runs: at most hourly (docs/probes.md). */
    public static final Duration MIN_SLOW_CADENCE = Duration.ofHours(1);

    /** Where the tree comes from, which decides what is checked and which {@link TargetSpec.Origin} it gets. */
    private enum Mode {
        /** The operator's file: references are resolved now to prove they work; any readable ca-file. */
        CONFIG_FILE,
        /** An editor's request: references refused; ca-file only inside probing.ca-dir. */
        API,
        /**
         * A row read back from the database: checked when it was written, so nothing outside the tree is looked at
         * again (environment, files, the clock): an old row still reads, and probing re-checks what it uses.
         */
        STORED
    }

    private final Mode mode;
    private final TargetSpec.Origin origin;
    private final Secrets secrets;
    private final Optional<CaDirectory> caDir;

    private TargetParser(Mode mode, TargetSpec.Origin origin, Secrets secrets, Optional<CaDirectory> caDir) {
        this.mode = mode;
        this.origin = origin;
        this.secrets = secrets;
        this.caDir = caDir;
    }

    /** For the config file: secret references are resolved with {@code secrets} to check they work. */
    public static TargetParser forConfigFile(Secrets secrets) {
        return new TargetParser(Mode.CONFIG_FILE, TargetSpec.Origin.CONFIG_FILE, secrets, Optional.empty());
    }

    /** For API requests: no secret references; {@code ca-file} only names a bundle in {@code caDir}. */
    public static TargetParser forApi(Optional<CaDirectory> caDir) {
        return new TargetParser(Mode.API, TargetSpec.Origin.API, Secrets.unresolved(), caDir);
    }

    /** For rows read back from the store, written by {@code origin}: nothing outside the tree is checked. */
    public static TargetParser forStored(TargetSpec.Origin origin) {
        return new TargetParser(Mode.STORED, origin, Secrets.unresolved(), Optional.empty());
    }

    /** Parses a target at {@code path}; returns empty when any problem was added to {@code problems}. */
    public Optional<TargetSpec> parse(JsonNode json, String path, List<String> problems) {
        int before = problems.size();
        Optional<TargetSpec> spec = read(new Node(json, path, problems));
        return problems.size() == before ? spec : Optional.empty();
    }

    private Optional<TargetSpec> read(Node n) {
        if (!n.isPresent()) {
            n.problem("expected a target (name, url, schedule)");
            return Optional.empty();
        }
        if (!n.expectObject(KEYS)) {
            return Optional.empty();
        }
        Optional<String> name = n.child("name").requiredText();
        name.filter(s -> !NAME.matcher(s).matches()).ifPresent(s -> n.child("name").problem("\"" + s
                + "\" is not a valid name: use 1-63 lower-case letters, digits, '-' or '_', starting with a letter or digit"));
        Optional<URI> url = n.child("url").requiredText().flatMap(s -> url(n.child("url"), s));
        Optional<Schedule> schedule = schedule(n.child("schedule"), mode == Mode.STORED ? Optional.empty()
                : Optional.of(Instant.now()));
        List<String> enable = new ArrayList<>();
        List<String> disable = new ArrayList<>();
        Node checks = n.child("checks");
        if (checks.expectObject(Set.of("enable", "disable"))) {
            enable.addAll(checks.child("enable").stringList());
            disable.addAll(checks.child("disable").stringList());
            List<Node> entries = new ArrayList<>(checks.child("enable").list());
            entries.addAll(checks.child("disable").list());
            for (Node entry : entries) {
                entry.checked(TargetFields::checkName);
            }
        }
        Optional<Duration> timeout = n.child("timeout").checked(TargetFields::timeout);
        Map<String, String> headers = n.child("headers").stringMap();
        headers.forEach((k, v) -> {
            // The rules of `check -H`, so the file, the API and the CLI refuse the same headers alike.
            n.child("headers").child(k).checked(Secrets.isReference(v) ? "reference" : v,
                    value -> TargetFields.header(k, value));
            checkSecret(n.child("headers").child(k), v);
        });
        Optional<Path> caFile = n.child("ca-file").text().flatMap(p -> caFile(n.child("ca-file"), p));
        Map<String, String> resolve = new LinkedHashMap<>();
        for (Node r : n.child("resolve").list()) {
            r.checked(TargetFields::resolvePin).ifPresent(pin -> resolve.put(pin.key(), pin.address()));
        }
        Optional<Integer> httpPort = n.child("http-port").integer(Integer.MIN_VALUE, Integer.MAX_VALUE)
                .flatMap(port -> n.child("http-port").checked(port.longValue(), TargetFields::httpPort));
        Map<String, String> labels = n.child("labels").stringMap();
        labels.keySet().forEach(k -> {
            if (!LABEL.matcher(k).matches() || k.startsWith("__") || RESERVED_LABELS.contains(k)) {
                n.child("labels").child(k).problem("not usable as a Prometheus label name (letters, digits, '_'; "
                        + "not one of " + String.join(", ", RESERVED_LABELS.stream().sorted().toList()) + ")");
            }
        });
        boolean publicStatus = n.child("public").bool().orElse(false);
        if (name.isEmpty() || url.isEmpty() || schedule.isEmpty()) {
            return Optional.empty();
        }
        Optional<LoadSettings> load = LoadConfig.parse(n.child("load"), url.get());
        Optional<Schedule> audit = cadence(n.child("audit"), "an audit");
        Optional<Schedule> loadEvery = n.child("load").isPresent()
                ? cadence(n.child("load").child("every"), "a load run") : Optional.empty();
        Optional<Grade> expectGrade = expectGrade(n.child("expect"));
        Optional<Double> slo = n.child("slo").number();
        slo.filter(v -> !(v > 0 && v < 100)).ifPresent(v -> n.child("slo").problem(
                "must be a percentage above 0 and below 100 (e.g. 99.9); 100 leaves no error budget"));
        return Optional.of(new TargetSpec(name.get(), url.get(), schedule.get(), enable, disable, timeout, headers,
                caFile, resolve, httpPort, labels, load, audit, loadEvery, origin, expectGrade, slo, publicStatus));
    }

    /** {@code expect: {grade: B}}: an incident opens while the grade is below it. */
    private static Optional<Grade> expectGrade(Node e) {
        if (!e.expectObject(Set.of("grade"))) {
            return Optional.empty();
        }
        return e.child("grade").requiredText().flatMap(g -> {
            Optional<Grade> grade = Grade.parse(g);
            if (grade.isEmpty()) {
                e.child("grade").problem("\"" + g + "\" is not a grade (A+, A, A-, B+, ... F)");
            }
            return grade;
        });
    }

    private void checkSecret(Node at, String value) {
        if (!Secrets.isReference(value) || mode == Mode.STORED) {
            return;
        }
        if (mode == Mode.API) {
            at.problem(REFERENCE_REFUSED);
            return;
        }
        try {
            secrets.resolve(value);
        } catch (IllegalArgumentException e) {
            at.problem(e.getMessage());
        }
    }

    /** Why an API request may not name a secret; shared with probe-time refusal so both say the same. */
    static final String REFERENCE_REFUSED = "a secret reference (${ENV_VAR} or file:/path) is not accepted here: "
            + "references are resolved only in the config file written by the operator, never in a target sent "
            + "through the API; send the literal value, or define the target in the config file";

    private Optional<Path> caFile(Node at, String value) {
        if (mode == Mode.STORED) {
            return Optional.of(Path.of(value));
        }
        if (mode == Mode.API && caDir.isEmpty()) {
            at.problem(CaDirectory.HOW_TO_ENABLE);
            return Optional.empty();
        }
        // Holds certificates: a bad bundle is refused now, not at every run.
        return at.checked(value, v -> TargetFields.caFile(mode == Mode.API ? caDir.get().bundle(v) : Path.of(v)));
    }

    /**
     * The one URL rule ({@link TargetUrl}, as {@code check}'s), while the URL is kept as written: stored targets and
     * their metric labels must not change because a trailing {@code /} was added.
     */
    private static Optional<URI> url(Node at, String s) {
        return at.checked(s, TargetFields::url).map(ok -> URI.create(s.trim()));
    }

    /** @param now when the cron rules apply from; empty for stored rows, whose cron may have aged (the scheduler checks) */
    private static Optional<Schedule> schedule(Node s, Optional<Instant> now) {
        if (!s.isPresent()) {
            s.problem("is required: give interval (e.g. 60s) or cron (e.g. \"0 */5 * * * ?\")");
            return Optional.empty();
        }
        if (!s.expectObject(Set.of("interval", "cron"))) {
            return Optional.empty();
        }
        boolean hasInterval = s.child("interval").isPresent();
        boolean hasCron = s.child("cron").isPresent();
        if (hasInterval == hasCron) {
            s.problem("give exactly one of interval or cron");
            return Optional.empty();
        }
        if (hasInterval) {
            Optional<String> text = s.child("interval").text();
            Optional<Duration> d = text.flatMap(Durations::tryParse);
            if (text.isPresent() && d.isEmpty()) {
                s.problem("interval \"" + text.get() + "\" is not a duration like 30s, 5m, 1h");
                return Optional.empty();
            }
            if (d.isPresent() && d.get().compareTo(MIN_INTERVAL) < 0) {
                s.problem("interval " + text.get() + " is shorter than the minimum of 5s");
                return Optional.empty();
            }
            return d.map(Schedule::every);
        }
        Optional<String> cron = s.child("cron").text();
        if (cron.isPresent()) {
            Optional<String> problem = now.isPresent() ? CronRules.problem(cron.get(), now.get())
                    : CronRules.syntaxProblem(cron.get());
            if (problem.isPresent()) {
                s.problem(problem.get());
                return Optional.empty();
            }
        }
        return cron.map(Schedule::cron);
    }

    /**
     * The cadence of a slow run kind ({@code audit: {every: 24h}} or {@code {cron: ...}}, {@code load.every}): absent
     * means the default; at least {@link #MIN_SLOW_CADENCE}, because audits and load runs are what a site's owner
     * notices. A bare duration ({@code every: 12h} under {@code load}) is accepted too.
     */
    private static Optional<Schedule> cadence(Node n, String what) {
        if (!n.isPresent()) {
            return Optional.empty();
        }
        Optional<Schedule> s;
        if (n.isText()) {
            Optional<String> text = n.text();
            s = text.flatMap(Durations::tryParse).map(Schedule::every);
            if (text.isPresent() && s.isEmpty()) {
                n.problem("\"" + text.get() + "\" is not a duration like 12h or 1d");
                return Optional.empty();
            }
        } else {
            if (!n.expectObject(Set.of("every", "cron"))) {
                return Optional.empty();
            }
            boolean every = n.child("every").isPresent();
            if (every == n.child("cron").isPresent()) {
                n.problem("give exactly one of every (e.g. 24h) or cron");
                return Optional.empty();
            }
            s = every ? cadence(n.child("every"), what) : cronOf(n.child("cron"), n);
        }
        Optional<Duration> shortest = s.flatMap(Schedule::shortestGap);
        if (shortest.isPresent() && shortest.get().compareTo(MIN_SLOW_CADENCE) < 0) {
            n.problem(what + " must not run more often than every " + Durations.format(MIN_SLOW_CADENCE)
                    + " (it sends far more than a pulse); got every " + Durations.format(shortest.get()));
            return Optional.empty();
        }
        return s;
    }

    private static Optional<Schedule> cronOf(Node cron, Node at) {
        Optional<String> text = cron.text();
        if (text.isPresent()) {
            try {
                new org.quartz.CronExpression(text.get());
            } catch (java.text.ParseException e) {
                at.problem("cron \"" + text.get() + "\" is not a Quartz cron expression: " + e.getMessage());
                return Optional.empty();
            }
        }
        return text.map(Schedule::cron);
    }

    /** The target as the same tree the parser reads (references kept unresolved, so secrets are not stored). */
    public static ObjectNode toJson(TargetSpec t, ObjectMapper mapper) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", t.name());
        o.put("url", t.url().toString());
        ObjectNode s = o.putObject("schedule");
        t.schedule().interval().ifPresent(d -> s.put("interval", Durations.format(d)));
        t.schedule().cron().ifPresent(c -> s.put("cron", c));
        if (!t.enable().isEmpty() || !t.disable().isEmpty()) {
            ObjectNode c = o.putObject("checks");
            t.enable().forEach(c.putArray("enable")::add);
            t.disable().forEach(c.putArray("disable")::add);
        }
        t.timeout().ifPresent(d -> o.put("timeout", Durations.format(d)));
        if (!t.headers().isEmpty()) {
            ObjectNode h = o.putObject("headers");
            new java.util.TreeMap<>(t.headers()).forEach(h::put);
        }
        t.caFile().ifPresent(p -> o.put("ca-file", p.toString()));
        if (!t.resolve().isEmpty()) {
            var r = o.putArray("resolve");
            new java.util.TreeMap<>(t.resolve()).forEach((k, v) -> r.add(k + ":" + v));
        }
        t.httpPort().ifPresent(p -> o.put("http-port", p));
        if (!t.labels().isEmpty()) {
            ObjectNode l = o.putObject("labels");
            new java.util.TreeMap<>(t.labels()).forEach(l::put);
        }
        t.load().ifPresent(load -> LoadConfig.write(o.putObject("load"), load));
        t.audit().ifPresent(a -> writeCadence(o.putObject("audit"), a));
        t.expectGrade().ifPresent(g -> o.putObject("expect").put("grade", g.letter()));
        t.slo().ifPresent(v -> o.put("slo", v));
        if (t.publicStatus()) {
            o.put("public", true);
        }
        t.loadEvery().ifPresent(e -> {
            if (o.has("load")) {
                writeCadence(((ObjectNode) o.get("load")).putObject("every"), e);
            }
        });
        return o;
    }

    private static void writeCadence(ObjectNode node, Schedule s) {
        s.interval().ifPresent(d -> node.put("every", Durations.format(d)));
        s.cron().ifPresent(c -> node.put("cron", c));
    }
}
