package dev.vantage.check;

import dev.vantage.probe.SiteEvidence;

import dev.vantage.check.browser.AnalyticsCheck;
import dev.vantage.check.browser.BrowserChecks;
import dev.vantage.check.exposure.ExposureChecks;
import dev.vantage.check.load.LoadChecks;
import dev.vantage.check.performance.CachingCheck;
import dev.vantage.check.ratelimit.RateLimitChecks;
import dev.vantage.check.tls.TlsChecks;
import dev.vantage.check.tls.TlsSiteCheck;
import dev.vantage.check.performance.CompressionCheck;
import dev.vantage.check.reliability.PageStatusCheck;
import dev.vantage.check.security.ContentTypeOptionsCheck;
import dev.vantage.check.security.CookiesCheck;
import dev.vantage.check.security.CoopCheck;
import dev.vantage.check.security.CorpCheck;
import dev.vantage.check.security.CorsCheck;
import dev.vantage.check.security.CspCheck;
import dev.vantage.check.security.FrameProtectionCheck;
import dev.vantage.check.security.HstsCheck;
import dev.vantage.check.security.PermissionsPolicyCheck;
import dev.vantage.check.security.RedirectCheck;
import dev.vantage.check.security.ReferrerPolicyCheck;
import dev.vantage.check.security.VersionBannerCheck;
import dev.vantage.check.software.SoftwareChecks;
import dev.vantage.dataset.Datasets;

import java.util.List;

/** The registry of every check Vantage runs, in report order. */
public final class Checks {

    private Checks() {
    }

    /** Every check, security first, in the order reports list them. */
    public static List<Check> all() {
        return ALL;
    }

    /** Every check, with certificate expiry warnings {@code certExpiryWarnDays} ahead instead of 30. */
    public static List<Check> all(int certExpiryWarnDays) {
        return build(certExpiryWarnDays, Datasets.bundled());
    }

    /** Every check, judging software versions with {@code datasets} instead of the bundled ones. */
    public static List<Check> all(int certExpiryWarnDays, Datasets datasets) {
        return build(certExpiryWarnDays, datasets);
    }

    private static final List<Check> ALL = build(TlsChecks.DEFAULT_EXPIRY_WARN_DAYS, Datasets.bundled());

    private static List<Check> build(int certExpiryWarnDays, Datasets datasets) {
        return java.util.stream.Stream.<List<? extends Check>>of(
            List.of(new RedirectCheck(), new HstsCheck(), new CspCheck(), new ContentTypeOptionsCheck(),
                    new FrameProtectionCheck(), new ReferrerPolicyCheck(), new PermissionsPolicyCheck(),
                    new CorpCheck(), new CoopCheck(), new CookiesCheck(), new CorsCheck(), new VersionBannerCheck()),
            TlsSiteCheck.all(certExpiryWarnDays),
            List.of(new PageStatusCheck(), new dev.vantage.check.reliability.HeaderSyntaxCheck()),
            ExposureChecks.all(),
            RateLimitChecks.all(),
            List.<Check>of(new CompressionCheck(), new CachingCheck()),
            LoadChecks.all(SiteEvidence::load),
            BrowserChecks.all(),
            List.<Check>of(new AnalyticsCheck()),
            SoftwareChecks.all(datasets))
            .<Check>flatMap(List::stream).toList();
    }

    /** Runs every check on the evidence. */
    public static List<Finding> evaluate(SiteEvidence evidence) {
        return all().stream().map(c -> c.evaluate(evidence)).toList();
    }
}
