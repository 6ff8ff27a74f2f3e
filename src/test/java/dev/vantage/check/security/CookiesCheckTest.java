package dev.vantage.check.security;

import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.page;
import static dev.vantage.check.EvidenceFixtures.site;
import static org.assertj.core.api.Assertions.assertThat;

class CookiesCheckTest {

    private static final String HSTS = "max-age=31536000";
    private final CookiesCheck check = new CookiesCheck();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Lax|cookies-secure-with-httponly-sessions-and-samesite",
        "JSESSIONID=abc; Path=/; Secure; HttpOnly|cookies-secure-with-httponly-sessions",
        "PHPSESSID=abc; path=/; HttpOnly|cookies-session-without-secure-flag",
        "connect.sid=s%3Aabc; Path=/; Secure; SameSite=Strict|cookies-session-without-httponly-flag",
        "theme=dark; Path=/; SameSite=Lax|cookies-without-secure-flag",
        "theme=dark; Secure; SameSite=Sideways|cookies-samesite-flag-invalid",
        "theme=dark; SameSite=None|cookies-without-secure-flag",
        "csrftoken=abc; Path=/; Secure|cookies-anticsrf-without-samesite-flag",
        "__Host-id=abc; Secure; Path=/; Domain=example.com; SameSite=Lax|cookies-prefix-invalid",
        "__Secure-pref=1; Path=/; SameSite=Lax|cookies-without-secure-flag",
    })
    void gradesOneCookie(String setCookie, String result) {
        assertThat(check.evaluate(page("Set-Cookie", setCookie)).result()).isEqualTo(result);
    }

    @Test
    void hstsSoftensMissingSecure() {
        assertThat(check.evaluate(page("Strict-Transport-Security", HSTS, "Set-Cookie", "lang=en; SameSite=Lax"))
                .result()).isEqualTo(CookiesCheck.NO_SECURE_HSTS);
        assertThat(check.evaluate(page("Strict-Transport-Security", HSTS, "Set-Cookie", "sid=1; HttpOnly"))
                .result()).isEqualTo(CookiesCheck.SESSION_NO_SECURE_HSTS);
    }

    @Test
    void secureFlagOverPlainHttpDoesNotCount() {
        Finding f = check.evaluate(site(exchange("http://example.com/", 200, "Set-Cookie",
                "sessionid=1; Secure; HttpOnly; SameSite=Lax")));
        assertThat(f.result()).isEqualTo(CookiesCheck.SESSION_NO_SECURE);
        assertThat(f.observed()).contains("plain http");
    }

    @Test
    void worstCookieWinsAndEveryBadCookieIsNamedWithoutItsValue() {
        Finding f = check.evaluate(page(
                "Set-Cookie", "ok=1; Secure; SameSite=Lax",
                "Set-Cookie", "theme=SECRETVALUE1; Secure",
                "Set-Cookie", "auth_token=SECRETVALUE2; Secure; SameSite=Lax"));
        assertThat(f.result()).isEqualTo(CookiesCheck.SESSION_NO_HTTPONLY);
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(f.observed()).contains("\"auth_token\" (missing HttpOnly on a session cookie)")
                .doesNotContain("SECRETVALUE").doesNotContain("\"ok\"");
    }

    @Test
    void noCookies() {
        assertThat(check.evaluate(page()).result()).isEqualTo(CookiesCheck.NOT_FOUND);
    }

    @Test
    void fiveHundredCookiesAndGarbageDoNotThrow() {
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            headers.add("Set-Cookie");
            headers.add("c" + i + "=v; Path=/");
        }
        headers.addAll(List.of("Set-Cookie", "no-equals-sign", "Set-Cookie", ";;;===;",
                "Set-Cookie", "ünï=çødé; SameSite=" + "x".repeat(100_000), "Set-Cookie", "x".repeat(300_000)));
        Finding f = check.evaluate(page(headers.toArray(String[]::new)));
        assertThat(f.result()).isEqualTo(CookiesCheck.NO_SECURE);
        assertThat(f.observed()).startsWith("504 cookie(s)").contains("and 484 more cookie(s)")
                .hasSizeLessThan(10_000);
    }
}
