package dev.vantage.check.tls;

import dev.vantage.check.Area;
import dev.vantage.check.Check;
import dev.vantage.check.CheckSupport;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.security.HstsPolicy;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.tls.TlsInspection;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SSL Labs-style rating of the endpoint as one finding. Its result names the letter; the scoring table caps the
 * overall grade by it, so a T (untrusted) or M (mismatch) endpoint can never score well overall.
 */
public final class TlsRatingCheck implements Check {

    @Override
    public java.util.Set<ProbeKind> needs() {
        return java.util.Set.of(ProbeKind.PAGE, ProbeKind.TLS_INSPECTION);
    }

    /** Letters the rating can give, as result suffixes. */
    static final Set<String> LETTERS = Set.of("a-plus", "a", "a-minus", "b", "c", "d", "e", "f", "t", "m");

    @Override
    public String id() {
        return "tls.rating";
    }

    @Override
    public Area area() {
        return Area.SECURITY;
    }

    @Override
    public String title() {
        return "TLS rating (SSL Labs method)";
    }

    @Override
    public Set<String> results() {
        return Stream.concat(LETTERS.stream(), Stream.of(TlsSiteCheck.NOT_INSPECTED)).map(s -> "tls-rating-" + s)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        if (evidence.tls().isEmpty() || !evidence.tls().get().speaksTls()) {
            return finding(Verdict.NOT_APPLICABLE, "tls-rating-" + TlsSiteCheck.NOT_INSPECTED,
                    "No TLS handshake was inspected, so there is no rating.", "");
        }
        TlsInspection tls = evidence.tls().get();
        TlsRating rating = SslLabsRating.rate(tls, hstsMaxAge(evidence));
        String letter = rating.letter();
        StringBuilder observed = new StringBuilder("Rating " + letter + " (score " + rating.score()
                + ": protocol " + rating.protocolScore() + ", key exchange " + rating.keyExchangeScore()
                + ", cipher " + rating.cipherScore() + ")");
        if (!rating.caps().isEmpty()) {
            observed.append("; capped by ").append(rating.caps().stream()
                    .map(c -> c.letter() + ": " + c.reason()).collect(Collectors.joining("; ")));
        }
        if (!rating.warnings().isEmpty()) {
            observed.append("; warnings: ").append(String.join("; ", rating.warnings()));
        }
        Verdict verdict = letter.startsWith("A") ? Verdict.PASS : letter.equals("B") ? Verdict.WARN : Verdict.FAIL;
        return finding(verdict, "tls-rating-" + slug(letter), CheckSupport.quote(observed.toString()),
                verdict == Verdict.PASS ? "" : "Fix what caps the rating (see the tls.* findings): offer only "
                        + "TLS 1.2 and 1.3 with forward-secret AEAD suites and a trusted certificate for the host.");
    }

    static String slug(String letter) {
        return switch (letter) {
            case "A+" -> "a-plus";
            case "A-" -> "a-minus";
            default -> letter.toLowerCase(Locale.ROOT);
        };
    }

    /** Max-age of the page's HSTS header, which SSL Labs requires for an A+. */
    public static OptionalLong hstsMaxAge(SiteEvidence evidence) {
        return CheckSupport.page(evidence)
                .flatMap(r -> r.headers().first("Strict-Transport-Security"))
                .flatMap(v -> HstsPolicy.parse(v, null))
                .map(p -> OptionalLong.of(p.maxAge())).orElse(OptionalLong.empty());
    }
}
