package dev.vantage.check.exposure;

import dev.vantage.check.Area;
import dev.vantage.check.CheckSupport;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.browser.BrowserEvidence;
import dev.vantage.probe.browser.BrowserEvidence.LoadedScript;
import dev.vantage.probe.exposure.ExposureEvidence;
import dev.vantage.probe.exposure.ScanLimit;
import dev.vantage.probe.http.HttpExchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code security.secrets-in-frontend}: credentials in the page and the same-origin scripts it loads, and, when the
 * browser audit ran, in every script the browser actually loaded (third-party and injected at run time too). Every
 * secret is quoted masked ({@link SecretScanner}); the finding says where it is so it can be removed and rotated.
 */
public final class SecretsCheck extends ExposureCheck {

    public static final String EXPOSED = "secret-in-frontend";
    public static final String NONE = "secrets-in-frontend-none";
    public static final String NOT_PROBED = "secrets-in-frontend-not-probed";
    static final int MAX_QUOTED = 5;

    public SecretsCheck() {
        super("security.secrets-in-frontend", Area.SECURITY, "Secrets in served front-end code",
                NOT_PROBED, EXPOSED, NONE);
    }

    @Override
    Finding evaluate(SiteEvidence site, ExposureEvidence exposure) {
        List<HttpExchange> sources = new ArrayList<>();
        sources.add(site.finalPage());
        sources.addAll(exposure.scripts());
        List<SecretScanner.Match> matches = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        List<String> unfetched = new ArrayList<>();
        long bytes = 0;
        int scripts = 0;
        for (HttpExchange source : sources) {
            if (source.response().isEmpty()) {
                unfetched.add(path(source) + " (" + statusOf(source) + ")");
                continue;
            }
            if (source.response().get().status() >= 300) {
                continue;
            }
            String body = source.response().get().body();
            bytes += Math.min(body.length(), ScanLimit.MAX_CHARS);
            scripts += source == site.finalPage() ? 0 : 1;
            if (ScanLimit.truncated(body)) {
                cut.add(source.request().url() + ScanLimit.note(body));
            }
            matches.addAll(SecretScanner.scan(source.request().url().toString(), body));
        }
        int loaded = 0;
        for (LoadedScript script : browserScripts(site, sources)) {
            bytes += script.body().length();
            loaded++;
            String where = CheckSupport.maskedUrl(script.url()) + " (loaded in the browser audit)";
            if (script.truncated()) {
                cut.add(where + String.format(Locale.ROOT, " (first %d KiB of %d KiB kept)",
                        script.body().length() / 1024, script.length() / 1024));
            }
            matches.addAll(SecretScanner.scan(where, script.body()));
        }
        if (!matches.isEmpty()) {
            String quoted = matches.stream().limit(MAX_QUOTED).map(SecretScanner.Match::describe)
                    .collect(Collectors.joining("; "));
            String more = matches.size() > MAX_QUOTED ? " and " + (matches.size() - MAX_QUOTED) + " more" : "";
            return finding(Verdict.FAIL, EXPOSED, quoted + more + ScanLimit.partly(cut), "Treat these credentials "
                    + "as leaked: revoke and rotate them, move the calls that need them to the server, and keep "
                    + "secrets out of bundles.");
        }
        return finding(Verdict.PASS, NONE, "no credential patterns in the page and " + scripts
                + " same-origin scripts" + (site.browser().isPresent() ? " and " + loaded
                + " further scripts the browser audit loaded" : "") + " (" + bytes + " characters scanned)" + ScanLimit.partly(cut)
                + (unfetched.isEmpty() ? "" : "; not scanned, could not be fetched: " + String.join(", ", unfetched)),
                "");
    }

    /** The scripts the browser loaded that the exposure probe did not already fetch (each is scanned once). */
    private static List<LoadedScript> browserScripts(SiteEvidence site, List<HttpExchange> scanned) {
        Set<String> seen = scanned.stream().map(x -> x.request().url().toString()).collect(Collectors.toSet());
        return site.browser().map(BrowserEvidence::scripts).orElse(List.of()).stream()
                .filter(s -> !seen.contains(s.url())).toList();
    }
}
