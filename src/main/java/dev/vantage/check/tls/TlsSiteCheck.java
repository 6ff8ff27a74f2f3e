package dev.vantage.check.tls;

import dev.vantage.check.Area;
import dev.vantage.check.Check;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;

import dev.vantage.probe.tls.TlsInspection;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link TlsCheck} on the TLS inspection of a site run. Results get the check's id as a prefix
 * ({@code tls.ciphers} + {@code weak} = {@code tls-ciphers-weak}) so the one scoring table can price them without
 * clashes: a "weak" cipher and a "weak" key are different findings.
 */
public final class TlsSiteCheck implements Check {

    /** Suffix of the result returned when the run has no TLS inspection (plain-http target, unresolvable name). */
    public static final String NOT_INSPECTED = "not-inspected";

    private final TlsCheck delegate;
    private final String prefix;

    public TlsSiteCheck(TlsCheck delegate) {
        this.delegate = delegate;
        this.prefix = delegate.id().replace('.', '-') + "-";
    }

    /** Every TLS check of the registry, adapted, with the default expiry warning window (30 days). */
    public static java.util.List<Check> all() {
        return all(TlsChecks.DEFAULT_EXPIRY_WARN_DAYS);
    }

    /** Every TLS check, warning about certificate expiry {@code expiryWarnDays} ahead. */
    public static java.util.List<Check> all(int expiryWarnDays) {
        Stream<Check> checks = TlsChecks.all(expiryWarnDays).stream().map(TlsSiteCheck::new);
        return Stream.concat(checks, Stream.of(new TlsRatingCheck())).toList();
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public Area area() {
        return delegate.area();
    }

    @Override
    public String title() {
        return delegate.title();
    }

    @Override
    public Set<String> results() {
        return Stream.concat(delegate.results().stream(), Stream.of(NOT_INSPECTED)).map(r -> prefix + r)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Certificate trust, validity and name are read from the page's own handshake when no inspection ran (a pulse),
     * so expiry and trust are graded on every pulse, not once a day; the rest needs the audit's enumeration.
     */
    static final Set<String> FROM_PAGE_HANDSHAKE = Set.of("tls.certificate-trust", "tls.certificate-expiry",
            "tls.certificate-hostname");

    @Override
    public Set<ProbeKind> needs() {
        return FROM_PAGE_HANDSHAKE.contains(id()) ? Set.of(ProbeKind.PAGE)
                : Set.of(ProbeKind.PAGE, ProbeKind.TLS_INSPECTION);
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        Optional<TlsInspection> inspection = evidence.tls().isPresent() || !FROM_PAGE_HANDSHAKE.contains(id())
                ? evidence.tls() : PageHandshake.asInspection(evidence);
        // An endpoint that refused everything is already reported as unreachable; "no TLS" would only repeat it.
        return inspection.filter(tls -> tls.speaksTls() || tls.certificate().available()
                        || evidence.finalPage().answered())
                .map(delegate::evaluate)
                .map(f -> new Finding(f.checkId(), f.area(), f.title(), f.verdict(), prefix + f.result(), f.observed(),
                        f.remediation()))
                .orElseGet(() -> finding(Verdict.NOT_APPLICABLE, prefix + NOT_INSPECTED,
                        "TLS was not inspected: the target is plain http, or its endpoint could not be reached.", ""));
    }
}
