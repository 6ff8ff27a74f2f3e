package dev.vantage.check.security;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static dev.vantage.check.CheckSupport.quote;

/**
 * Software version banners in response headers: a version number tells an attacker which known vulnerabilities to
 * try. A Vantage addition; MDN Observatory does not grade it.
 */
public final class VersionBannerCheck extends PageHeaderCheck {

    public static final String NONE = "version-banner-not-found";
    public static final String PRODUCT_ONLY = "version-banner-product-only";
    public static final String VERSION = "version-banner-reveals-version";

    private static final List<String> HEADERS = List.of("Server", "X-Powered-By", "X-AspNet-Version",
            "X-AspNetMvc-Version", "X-Generator", "X-Runtime-Version");
    /** A digit group with at least one dot (nginx/1.25.3, PHP/8.2, 4.0.30319) or a product/NN token. */
    private static final Pattern VERSIONED = Pattern.compile("(\\d+\\.\\d+)|(/\\s*v?\\d+)");

    public VersionBannerCheck() {
        super("security.version-banners", Area.SECURITY, "Version banners", NONE, PRODUCT_ONLY, VERSION);
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        List<String> versioned = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (String name : HEADERS) {
            for (String value : page.headers().values(name)) {
                String shown = name + ": " + quote(value);
                String probe = value.length() > 1000 ? value.substring(0, 1000) : value;
                (VERSIONED.matcher(probe).find() ? versioned : products).add(shown);
            }
        }
        if (!versioned.isEmpty()) {
            return finding(Verdict.WARN, VERSION, "Headers reveal software versions: " + String.join(", ", versioned)
                    + ".", "Remove version numbers from these headers (e.g. nginx server_tokens off,"
                    + " Apache ServerTokens Prod, expose_php Off).");
        }
        if (!products.isEmpty()) {
            return finding(Verdict.INFO, PRODUCT_ONLY, "Headers name the software without a version: "
                    + String.join(", ", products) + ".", "");
        }
        return finding(Verdict.PASS, NONE, "No Server or X-Powered-By banner.", "");
    }
}
