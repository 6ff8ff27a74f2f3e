package dev.vantage.probe.browser;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one headless-Chromium load of the final page saw, from the browser's own APIs (navigation and paint timing,
 * resource timing, the DOM, the console log, the cookie jar), before any interaction.
 *
 * @param page        the URL that was loaded
 * @param failure     why the load did not complete (start failure, deadline, crash); the lists hold what was
 *                    recorded before it
 * @param vitals      TTFB, FCP, LCP and CLS as the browser measured them
 * @param resources   every subresource the page fetched (resource timing)
 * @param tags        script and stylesheet elements with a source, and whether they carry {@code integrity}
 * @param insecure    {@code http:} URLs the https page referenced (elements and fetched resources)
 * @param console     console errors and uncaught exceptions
 * @param cookies     cookies set before any interaction (names and attributes, never values)
 * @param libraries   JavaScript libraries the page exposes as globals, with their versions ({@link LibraryGlobals})
 * @param mobile      the vitals of a second, cold load in a phone-sized viewport ({@link Viewport#MOBILE});
 *                    {@link PageVitals#NONE} when it was not measured; {@code vitals} are the desktop load's
 * @param failed      subresources that failed: HTTP 4xx/5xx, network errors, requests the browser blocked, and
 *                    requests the address policy refused (from the DevTools network events)
 * @param csp         Content-Security-Policy violations the browser reported ({@code securitypolicyviolation})
 * @param scripts     the bodies of the scripts the page loaded (bounded, {@link ScriptBodies}), for the secrets
 *                    scan; held in memory for the checks only, never written to a report or the database
 */
public record BrowserEvidence(URI page, Duration took, Optional<String> failure, PageVitals vitals,
                              List<LoadedResource> resources, List<SubresourceTag> tags,
                              List<InsecureReference> insecure, List<String> console, List<BrowserCookie> cookies,
                              PageVitals mobile, List<FailedRequest> failed, List<CspViolation> csp,
                              List<LibraryGlobals.Found> libraries, List<LoadedScript> scripts) {

    public BrowserEvidence {
        resources = List.copyOf(resources);
        tags = List.copyOf(tags);
        insecure = List.copyOf(insecure);
        console = List.copyOf(console);
        cookies = List.copyOf(cookies);
        failed = List.copyOf(failed);
        csp = List.copyOf(csp);
        libraries = List.copyOf(libraries);
        scripts = List.copyOf(scripts);
    }

    /** Evidence without script bodies (tests of the other checks, loads that kept none). */
    public BrowserEvidence(URI page, Duration took, Optional<String> failure, PageVitals vitals,
                           List<LoadedResource> resources, List<SubresourceTag> tags,
                           List<InsecureReference> insecure, List<String> console, List<BrowserCookie> cookies,
                           PageVitals mobile, List<FailedRequest> failed, List<CspViolation> csp,
                           List<LibraryGlobals.Found> libraries) {
        this(page, took, failure, vitals, resources, tags, insecure, console, cookies, mobile, failed, csp, libraries,
                List.of());
    }

    /** Evidence without library globals (tests of the other checks). */
    public BrowserEvidence(URI page, Duration took, Optional<String> failure, PageVitals vitals,
                           List<LoadedResource> resources, List<SubresourceTag> tags,
                           List<InsecureReference> insecure, List<String> console, List<BrowserCookie> cookies,
                           PageVitals mobile, List<FailedRequest> failed, List<CspViolation> csp) {
        this(page, took, failure, vitals, resources, tags, insecure, console, cookies, mobile, failed, csp, List.of());
    }

    /** Evidence of the desktop load alone (no mobile vitals, failed requests, CSP reports or library globals). */
    public BrowserEvidence(URI page, Duration took, Optional<String> failure, PageVitals vitals,
                           List<LoadedResource> resources, List<SubresourceTag> tags,
                           List<InsecureReference> insecure, List<String> console, List<BrowserCookie> cookies) {
        this(page, took, failure, vitals, resources, tags, insecure, console, cookies, PageVitals.NONE, List.of(),
                List.of(), List.of());
    }

    /** A load that produced nothing but its failure. */
    public static BrowserEvidence failed(URI page, Duration took, String why) {
        return new BrowserEvidence(page, took, Optional.of(why), PageVitals.NONE, List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    /** The same evidence with the mobile load's vitals. */
    public BrowserEvidence withMobile(PageVitals value) {
        return new BrowserEvidence(page, took, failure, vitals, resources, tags, insecure, console, cookies, value,
                failed, csp, libraries, scripts);
    }

    /** The same evidence with these failed requests (explained by the proxy where it refused them). */
    public BrowserEvidence withFailed(List<FailedRequest> value) {
        return new BrowserEvidence(page, took, failure, vitals, resources, tags, insecure, console, cookies, mobile,
                value, csp, libraries, scripts);
    }

    /** The same evidence without the script bodies, once the checks have read them (reports outlive a run). */
    public BrowserEvidence withoutScripts() {
        return new BrowserEvidence(page, took, failure, vitals, resources, tags, insecure, console, cookies, mobile,
                failed, csp, libraries, List.of());
    }

    /** {@code scheme://host:port} of a URL, lower case, the port made explicit; empty for opaque URLs. */
    public static String origin(URI url) {
        if (url.getScheme() == null || url.getHost() == null) {
            return "";
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** True when {@code url} is of another origin than the page: a third party as the page's visitor sees it. */
    public boolean thirdParty(String url) {
        try {
            String o = origin(URI.create(url));
            return !o.isEmpty() && !o.equals(origin(page));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The distinct third-party origins the page contacted, in the order first seen. */
    public List<String> thirdPartyOrigins() {
        return resources.stream().map(LoadedResource::url).filter(this::thirdParty)
                .map(u -> origin(URI.create(u))).distinct().toList();
    }

    /** Bytes over the wire for the document and its subresources (0 where the browser hides the size). */
    public long transferBytes() {
        return vitals.documentBytes() + resources.stream().mapToLong(LoadedResource::transferBytes).sum();
    }

    /** The browser's timing of the page, in milliseconds from navigation start; empty where it measured none. */
    public record PageVitals(OptionalDouble ttfbMillis, OptionalDouble fcpMillis, OptionalDouble lcpMillis,
                             OptionalDouble cls, long documentBytes) {
        public static final PageVitals NONE = new PageVitals(OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), 0);
    }

    /** One resource timing entry: URL, what started it ({@code script}, {@code img}, {@code fetch}…), its bytes. */
    public record LoadedResource(String url, String initiator, long transferBytes) {
    }

    /** A {@code <script src>} ({@code script}) or {@code <link rel=stylesheet>} ({@code style}). */
    public record SubresourceTag(String kind, String url, boolean integrity) {
    }

    /** An {@code http:} URL referenced by an https page, and what referenced it (element or initiator). */
    public record InsecureReference(String url, String kind) {
    }

    /**
     * A subresource that did not load: {@code reason} is {@code HTTP 404}, a network error ({@code
     * net::ERR_CONNECTION_REFUSED}), what blocked it ({@code blocked: mixed-content}) or the address policy's refusal.
     */
    public record FailedRequest(String url, String reason) {
        /** Refused by the address policy, so never sent: a security matter, not a broken page. */
        public boolean refusedByPolicy() {
            return reason.startsWith(REFUSED);
        }

        /** The reason prefix of requests the address policy refused. */
        public static final String REFUSED = "refused by the address policy: ";
    }

    /**
     * A Content-Security-Policy violation the browser reported: the URL (or {@code inline}, {@code eval}) it blocked,
     * the directive, and whether the policy was enforced ({@code enforce}) or report-only ({@code report}).
     */
    public record CspViolation(String blocked, String directive, String disposition) {
    }

    /**
     * The body of a script the page loaded, as the browser received it, cut to {@link ScriptBodies#MAX_CHARS}.
     *
     * @param length the body's full length in characters; more than {@code body.length()} when it was cut
     */
    public record LoadedScript(String url, String body, long length) {
        /** True when only the head of the body was kept. */
        public boolean truncated() {
            return length > body.length();
        }

        /** Never the body: evidence is logged, and a body may hold the very secret the scan masks. */
        @Override
        public String toString() {
            return "LoadedScript[url=" + url + ", kept=" + body.length() + ", length=" + length + "]";
        }
    }

    /** A cookie in the jar after load; its value is never kept. */
    public record BrowserCookie(String name, String domain, boolean secure, boolean httpOnly, String sameSite) {
    }
}
