package dev.vantage.check.performance;

import dev.vantage.check.Verdict;
import org.junit.jupiter.api.Test;

import static dev.vantage.check.EvidenceFixtures.PAGE;
import static dev.vantage.check.EvidenceFixtures.exchange;
import static dev.vantage.check.EvidenceFixtures.page;
import static dev.vantage.check.EvidenceFixtures.site;
import static dev.vantage.check.EvidenceFixtures.withBody;
import static org.assertj.core.api.Assertions.assertThat;

class PerformanceChecksTest {

    private final CompressionCheck compression = new CompressionCheck();
    private final CachingCheck caching = new CachingCheck();

    @Test
    void largeUncompressedHtmlWarns() {
        var f = compression.evaluate(site(withBody(exchange(PAGE, 200, "Content-Type", "text/html; charset=utf-8"),
                48_000)));
        assertThat(f.result()).isEqualTo(CompressionCheck.MISSING);
        assertThat(f.verdict()).isEqualTo(Verdict.WARN);
        assertThat(f.observed()).contains("48000-byte");
    }

    @Test
    void compressedSmallAndBinaryBodiesPass() {
        assertThat(compression.evaluate(site(withBody(exchange(PAGE, 200, "Content-Type", "application/json",
                "Content-Encoding", "br"), 9_000))).result()).isEqualTo(CompressionCheck.COMPRESSED);
        assertThat(compression.evaluate(site(withBody(exchange(PAGE, 200, "Content-Type", "text/html"), 1024)))
                .result()).isEqualTo(CompressionCheck.NOT_NEEDED);
        assertThat(compression.evaluate(site(withBody(exchange(PAGE, 200, "Content-Type", "image/png"), 900_000)))
                .result()).isEqualTo(CompressionCheck.NOT_NEEDED);
        assertThat(compression.evaluate(site(withBody(exchange(PAGE, 200, "Content-Type", "text/css",
                "Content-Encoding", "identity"), 5_000))).result()).isEqualTo(CompressionCheck.MISSING);
    }

    @Test
    void cachingResults() {
        assertThat(caching.evaluate(page("Cache-Control", "no-cache", "ETag", "\"33a64df5\"")).result())
                .isEqualTo(CachingCheck.CACHEABLE);
        assertThat(caching.evaluate(page("Last-Modified", "Wed, 21 Oct 2025 07:28:00 GMT")).result())
                .isEqualTo(CachingCheck.CACHEABLE);
        assertThat(caching.evaluate(page("Cache-Control", "private, no-store")).result())
                .isEqualTo(CachingCheck.NO_STORE);
        assertThat(caching.evaluate(page()).result()).isEqualTo(CachingCheck.MISSING);
        assertThat(caching.evaluate(page("Cache-Control", "max-age=ten")).result()).isEqualTo(CachingCheck.INVALID);
        assertThat(caching.evaluate(page("Cache-Control", "public, max-age=600", "Set-Cookie", "sid=1")).result())
                .isEqualTo(CachingCheck.PUBLIC_WITH_COOKIES);
        assertThat(caching.evaluate(page("Cache-Control", "s-maxage=60, max-age=\"30\"")).result())
                .isEqualTo(CachingCheck.CACHEABLE);
    }
}
