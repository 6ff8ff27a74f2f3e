package dev.vantage.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckSelectionTest {

    @Test
    void everythingRunsByDefault() {
        assertThat(CheckSelection.ALL.apply(Checks.all())).hasSameSizeAs(Checks.all());
    }

    @Test
    void enableKeepsIdsAndPrefixesThenDisableRemoves() {
        CheckSelection s = new CheckSelection(List.of("security.", "reliability.page-status"),
                List.of("security.csp", "tls."));
        assertThat(s.includes("security.hsts")).isTrue();
        assertThat(s.includes("reliability.page-status")).isTrue();
        assertThat(s.includes("security.csp")).isFalse();
        assertThat(s.includes("reliability.trace")).isFalse();
        assertThat(s.apply(Checks.all())).extracting(Check::id)
                .contains("security.hsts").doesNotContain("security.csp", "tls.rating", "performance.caching");
    }

    @Test
    void aPrefixNeedsItsDotSoSecurityDoesNotMatchSecurityTxt() {
        CheckSelection s = new CheckSelection(List.of(), List.of("observability.security"));
        assertThat(s.includes("observability.security-txt")).isTrue();
        assertThat(s.problems()).singleElement().asString().contains("\"observability.security\" is not a check id");
    }

    @Test
    void typosAreReported() {
        assertThat(new CheckSelection(List.of("security.hsst"), List.of("tls.")).problems())
                .containsExactly("\"security.hsst\" is not a check id or id prefix (see docs/checks.md), e.g. "
                        + "security.hsts or security.");
    }
}
