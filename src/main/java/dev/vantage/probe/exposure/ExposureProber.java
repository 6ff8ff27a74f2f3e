package dev.vantage.probe.exposure;

import dev.vantage.probe.Deadline;
import dev.vantage.probe.ProbeOptions;
import dev.vantage.probe.exposure.ExposureEvidence.PathProbe;
import dev.vantage.probe.http.Headers;
import dev.vantage.probe.http.HttpExchange;
import dev.vantage.probe.http.HttpProber;
import dev.vantage.probe.http.HttpRequestSpec;
import dev.vantage.probe.http.RedirectChain;
import dev.vantage.probe.tls.TrustStores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Probes what a site exposes beyond its page: a random path (soft-404 baseline), the fixed sensitive paths, the
 * page's same-origin scripts and their source maps, a malformed request line, an oversized header, TRACE,
 * security.txt and the health endpoints. At most {@link ExposureSettings#requestBudget()} requests, at most
 * {@link ExposureSettings#concurrency()} at once, all within the run's deadline. Never fails its future.
 */
public final class ExposureProber {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final ProbeOptions options;
    private final TrustStores trust;
    private final ExposureSettings settings;

    public ExposureProber(Vertx vertx, ProbeOptions options, TrustStores trust, ExposureSettings settings) {
        this.vertx = vertx;
        this.options = options;
        this.trust = trust;
        this.settings = settings;
    }

    /** Probes the origin of the page chain's final exchange; skipped when that exchange got no answer. */
    public Future<ExposureEvidence> probe(RedirectChain page, Deadline deadline) {
        HttpExchange last = page.last();
        if (!last.answered() || last.remoteAddress().isEmpty()) {
            return Future.succeededFuture(ExposureEvidence.skipped("the page was not reached"
                    + last.failure().map(f -> " (" + f.describe() + ")").orElse("")));
        }
        HttpProber small = new HttpProber(vertx, options.withMaxBodyBytes(
                Math.min(options.maxBodyBytes(), settings.maxPathBodyBytes())), trust);
        HttpProber large = new HttpProber(vertx, options.withMaxBodyBytes(
                Math.min(options.maxBodyBytes(), settings.maxScriptBytes())), trust);
        NetClient raw = vertx.createNetClient(new NetClientOptions().setConnectTimeout(
                (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis())));
        Run run = new Run(small, large, new RawRequester(vertx, raw, options.userAgent()), last, deadline);
        return run.start().eventually(() -> Future.all(small.close(), large.close(), raw.close()));
    }

    private static String random() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One exposure run: the steps in order, each bounded. */
    private final class Run {
        private final HttpProber small;
        private final HttpProber large;
        private final RawRequester raw;
        private final HttpExchange page;
        private final URI origin;
        private final Deadline deadline;
        private final AtomicInteger requests = new AtomicInteger();
        private final String marker = random();

        Run(HttpProber small, HttpProber large, RawRequester raw, HttpExchange page, Deadline deadline) {
            this.small = small;
            this.large = large;
            this.raw = raw;
            this.page = page;
            this.origin = page.request().url();
            this.deadline = deadline;
        }

        Future<ExposureEvidence> start() {
            Future<HttpExchange> notFound = get(small, "/vantage-not-found-" + random());
            Future<List<PathProbe>> paths = notFound.compose(x -> sensitivePaths());
            Future<List<HttpExchange>> scripts = paths.compose(x -> scripts());
            Future<List<HttpExchange>> maps = scripts.compose(this::sourceMaps);
            Future<Optional<RawExchange>> badEncoding = maps.compose(x -> badEncoding());
            Future<HttpExchange> oversized = maps.compose(x -> exchange(small, new HttpRequestSpec("GET",
                    at("/"), Headers.of(ExposureEvidence.OVERSIZED_HEADER, "x".repeat(
                            settings.oversizedHeaderBytes())))));
            Future<HttpExchange> trace = maps.compose(x -> exchange(small, new HttpRequestSpec("TRACE", at("/"),
                    Headers.of(ExposureEvidence.TRACE_MARKER_HEADER, marker))));
            Future<HttpExchange> securityTxt = maps.compose(x -> get(small, "/.well-known/security.txt"));
            Future<List<HttpExchange>> health = Future.all(badEncoding, oversized, trace, securityTxt)
                    .compose(x -> health(0, new ArrayList<>()));
            return health.map(h -> new ExposureEvidence(Optional.empty(), Optional.of(notFound.result()),
                    paths.result(), scripts.result(), maps.result(), badEncoding.result(),
                    Optional.of(oversized.result()), Optional.of(trace.result()), marker,
                    Optional.of(securityTxt.result()), h, requests.get()));
        }

        private Future<List<PathProbe>> sensitivePaths() {
            List<Supplier<Future<PathProbe>>> tasks = SensitivePaths.ALL.stream()
                    .<Supplier<Future<PathProbe>>>map(p -> () -> get(small, p.path()).map(e -> new PathProbe(p, e)))
                    .toList();
            return Bounded.run(tasks, settings.concurrency());
        }

        private Future<List<HttpExchange>> scripts() {
            String body = page.response().map(r -> r.body()).orElse("");
            List<Supplier<Future<HttpExchange>>> tasks = ScriptLinks.scripts(body, origin, settings.maxScripts())
                    .stream().<Supplier<Future<HttpExchange>>>map(u -> () -> exchange(large, HttpRequestSpec.get(u)))
                    .toList();
            return Bounded.run(tasks, settings.concurrency());
        }

        private Future<List<HttpExchange>> sourceMaps(List<HttpExchange> scripts) {
            List<URI> maps = scripts.stream()
                    .filter(s -> s.response().isPresent())
                    .flatMap(s -> ScriptLinks.sourceMap(s.response().get().body(), s.request().url()).stream())
                    .distinct().limit(settings.maxSourceMaps()).toList();
            List<Supplier<Future<HttpExchange>>> tasks = maps.stream()
                    .<Supplier<Future<HttpExchange>>>map(u -> () -> exchange(small, HttpRequestSpec.get(u))).toList();
            return Bounded.run(tasks, settings.concurrency());
        }

        private Future<Optional<RawExchange>> badEncoding() {
            requests.incrementAndGet();
            return raw.send(origin, page.remoteAddress().orElseThrow(), "/vantage-%zz%G0%", deadline)
                    .map(Optional::of);
        }

        /** Tries the health paths in order and stops at the first that answers 2xx or 503. */
        private Future<List<HttpExchange>> health(int index, List<HttpExchange> tried) {
            if (index >= settings.healthPaths().size() || deadline.passed()) {
                return Future.succeededFuture(tried);
            }
            return get(small, settings.healthPaths().get(index)).compose(e -> {
                tried.add(e);
                int status = e.response().map(r -> r.status()).orElse(0);
                boolean answered = status >= 200 && status < 300 || status == 503;
                return answered ? Future.succeededFuture(tried) : health(index + 1, tried);
            });
        }

        private Future<HttpExchange> get(HttpProber prober, String path) {
            return exchange(prober, HttpRequestSpec.get(at(path)));
        }

        private Future<HttpExchange> exchange(HttpProber prober, HttpRequestSpec spec) {
            requests.incrementAndGet();
            return prober.exchange(spec, deadline);
        }

        private URI at(String path) {
            return URI.create(origin.getScheme() + "://" + origin.getRawAuthority() + path);
        }
    }
}
