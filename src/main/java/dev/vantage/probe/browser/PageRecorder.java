package dev.vantage.probe.browser;

import dev.vantage.probe.browser.BrowserEvidence.BrowserCookie;
import dev.vantage.probe.browser.BrowserEvidence.CspViolation;
import dev.vantage.probe.browser.BrowserEvidence.InsecureReference;
import dev.vantage.probe.browser.BrowserEvidence.LoadedResource;
import dev.vantage.probe.browser.BrowserEvidence.PageVitals;
import dev.vantage.probe.browser.BrowserEvidence.SubresourceTag;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.logging.Level;

/**
 * Reads what a loaded page exposes through the browser's own APIs: one asynchronous script for timing, resource
 * entries and the DOM (buffered PerformanceObservers deliver LCP and layout shifts in a task after
 * {@code observe}, hence the short wait inside the page), the browser log for console errors, and the DevTools cookie
 * jar (every domain, HttpOnly included) for cookies.
 */
final class PageRecorder {

    /** How long the script lets buffered observers deliver before answering; inside the page, not a test sleep. */
    static final int OBSERVER_SETTLE_MILLIS = 250;

    static final String SCRIPT = """
            const done = arguments[arguments.length - 1];
            let lcp = null, cls = 0;
            const watch = (type, f) => { try { new PerformanceObserver(l => l.getEntries().forEach(f))
                .observe({type: type, buffered: true}); } catch (e) {} };
            watch('largest-contentful-paint', e => { lcp = e.startTime; });
            watch('layout-shift', e => { if (!e.hadRecentInput) { cls += e.value; } });
            setTimeout(() => {
              const abs = u => { try { return new URL(u, location.href).href; } catch (e) { return String(u); } };
              const nav = performance.getEntriesByType('navigation')[0];
              const fcp = performance.getEntriesByName('first-contentful-paint')[0];
              const tags = [];
              document.querySelectorAll('script[src]').forEach(s => tags.push({kind: 'script',
                  url: abs(s.getAttribute('src')), integrity: !!s.getAttribute('integrity')}));
              document.querySelectorAll('link[rel~="stylesheet"][href]').forEach(s => tags.push({kind: 'style',
                  url: abs(s.getAttribute('href')), integrity: !!s.getAttribute('integrity')}));
              const refs = [];
              document.querySelectorAll('script[src],iframe[src],img[src],audio[src],video[src],source[src],'
                  + 'embed[src],object[data],link[rel~="stylesheet"][href]').forEach(el => refs.push({
                  url: abs(el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('data')),
                  kind: el.tagName.toLowerCase()}));
              const resources = performance.getEntriesByType('resource').map(r => ({url: r.name,
                  initiator: r.initiatorType, bytes: r.transferSize || 0}));
              done({ttfb: nav ? nav.responseStart : null, fcp: fcp ? fcp.startTime : null, lcp: lcp, cls: cls,
                  documentBytes: nav ? nav.transferSize : 0, tags: tags, refs: refs, resources: resources});
            }, %d);
            """.formatted(OBSERVER_SETTLE_MILLIS);

    /**
     * Installed before the first load ({@code Page.addScriptToEvaluateOnNewDocument}): the browser fires
     * {@code securitypolicyviolation} at the document for every CSP violation, report-only ones included, and only a
     * listener present from the start sees those of the page's first scripts. At most 100 are kept.
     */
    static final String INIT_SCRIPT = """
            window.__vantageCsp = [];
            document.addEventListener('securitypolicyviolation', e => {
              if (window.__vantageCsp.length < 100) { window.__vantageCsp.push({blocked: e.blockedURI || '',
                  directive: e.effectiveDirective || e.violatedDirective || '', disposition: e.disposition || ''}); }
            }, true);
            """;

    private PageRecorder() {
    }

    /** Everything the page shows after load; {@code failure} is kept when the load itself did not complete. */
    static BrowserEvidence record(ChromeDriver driver, URI page, Duration took) {
        Map<?, ?> seen = (Map<?, ?>) driver.executeAsyncScript(SCRIPT);
        PageVitals vitals = vitals(seen);
        List<LoadedResource> resources = maps(seen.get("resources")).stream().map(r -> new LoadedResource(
                text(r.get("url")), text(r.get("initiator")), (long) number(r.get("bytes")).orElse(0))).toList();
        List<SubresourceTag> tags = maps(seen.get("tags")).stream().map(t -> new SubresourceTag(text(t.get("kind")),
                text(t.get("url")), Boolean.TRUE.equals(t.get("integrity")))).toList();
        // Read once: chromedriver hands each logged event out a single time.
        List<String> events = networkEvents(driver);
        return new BrowserEvidence(page, took, Optional.empty(), vitals, resources, tags,
                insecure(page, maps(seen.get("refs")), resources), consoleErrors(driver), cookies(driver),
                PageVitals.NONE, NetworkLog.failed(events, page.toString()), csp(driver),
                LibraryGlobals.read(driver), ScriptBodies.fetch(NetworkLog.scripts(events),
                        id -> driver.executeCdpCommand("Network.getResponseBody", Map.of("requestId", id))));
    }

    /** The timing of another load of the page (the mobile one): the same script, its vitals only. */
    static PageVitals vitalsOnly(ChromeDriver driver) {
        PageVitals v = vitals((Map<?, ?>) driver.executeAsyncScript(SCRIPT));
        networkEvents(driver); // drained: this load's events must not be read as another's
        return v;
    }

    private static PageVitals vitals(Map<?, ?> seen) {
        return new PageVitals(number(seen.get("ttfb")), number(seen.get("fcp")), number(seen.get("lcp")),
                number(seen.get("cls")), (long) number(seen.get("documentBytes")).orElse(0));
    }

    private static List<String> networkEvents(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(LogEntry::getMessage).toList();
    }

    private static List<CspViolation> csp(ChromeDriver driver) {
        Object seen = driver.executeScript("return window.__vantageCsp || [];");
        return maps(seen).stream().map(v -> new CspViolation(text(v.get("blocked")), text(v.get("directive")),
                text(v.get("disposition")))).distinct().toList();
    }

    /** {@code http:} URLs an https page referenced, from its elements and from what it actually fetched. */
    static List<InsecureReference> insecure(URI page, List<Map<?, ?>> refs, List<LoadedResource> resources) {
        if (!"https".equalsIgnoreCase(page.getScheme())) {
            return List.of();
        }
        Set<InsecureReference> out = new LinkedHashSet<>();
        refs.stream().filter(r -> text(r.get("url")).startsWith("http:"))
                .forEach(r -> out.add(new InsecureReference(text(r.get("url")), text(r.get("kind")))));
        resources.stream().filter(r -> r.url().startsWith("http:")
                        && out.stream().noneMatch(o -> o.url().equals(r.url())))
                .forEach(r -> out.add(new InsecureReference(r.url(), r.initiator())));
        return List.copyOf(out);
    }

    private static List<String> consoleErrors(ChromeDriver driver) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    private static List<BrowserCookie> cookies(ChromeDriver driver) {
        Map<String, Object> jar = driver.executeCdpCommand("Network.getAllCookies", Map.of());
        return maps(jar.get("cookies")).stream().map(c -> new BrowserCookie(text(c.get("name")),
                text(c.get("domain")), Boolean.TRUE.equals(c.get("secure")), Boolean.TRUE.equals(c.get("httpOnly")),
                c.get("sameSite") == null ? "" : text(c.get("sameSite")))).toList();
    }

    private static OptionalDouble number(Object value) {
        return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static List<Map<?, ?>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
    }
}
