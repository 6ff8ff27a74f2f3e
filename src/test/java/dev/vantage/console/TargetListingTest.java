package dev.vantage.console;

import dev.vantage.api.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sorting and filtering the target list from its query, and the header links and aria-sort that say so. */
class TargetListingTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static TargetRow row(String name, String grade, boolean up, Long pulseMs, Integer certDays,
                                 Map<String, String> labels) {
        Optional<ReportCard> card = grade == null ? Optional.empty() : Optional.of(new ReportCard(name, grade, 90, NOW,
                up ? Optional.empty() : Optional.of("refused"), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Optional.ofNullable(certDays).map(d -> NOW.plusSeconds(d * 86_400L + 60))));
        return new TargetRow(name, "https://" + name + ".example/", labels, card, Optional.ofNullable(pulseMs),
                Sparkline.of(List.of()), List.of(), NOW);
    }

    private final List<TargetRow> rows = List.of(
            row("shop", "B", true, 120L, 40, Map.of("team", "web")),
            row("api", "A+", false, 80L, 5, Map.of("team", "core")),
            row("blog", "F", true, 300L, null, Map.of("team", "web")),
            row("new", null, true, null, null, Map.of()));

    private static List<String> names(TargetListing l) {
        return l.rows().stream().map(TargetRow::name).toList();
    }

    @Test
    void theListIsSortedByNameUnlessAskedOtherwise() {
        TargetListing l = TargetListing.of(rows, null, null, null);
        assertThat(names(l)).containsExactly("api", "blog", "new", "shop");
        assertThat(l.column(TargetListing.Sort.NAME).ariaSort()).isEqualTo("ascending");
        assertThat(l.column(TargetListing.Sort.NAME).href()).isEqualTo("/?sort=name&dir=desc");
        assertThat(l.column(TargetListing.Sort.GRADE).ariaSort()).isEqualTo("none");
        assertThat(l.column(TargetListing.Sort.GRADE).href()).isEqualTo("/?sort=grade");
    }

    @Test
    void eachColumnSortsItsNaturalWayAndTargetsWithoutAValueComeLastEitherWay() {
        assertThat(names(TargetListing.of(rows, "grade", "", ""))).containsExactly("api", "shop", "blog", "new");
        assertThat(names(TargetListing.of(rows, "grade", "desc", ""))).containsExactly("blog", "shop", "api", "new");
        assertThat(names(TargetListing.of(rows, "state", null, null))).containsExactly("api", "new", "blog", "shop");
        assertThat(names(TargetListing.of(rows, "latency", null, null))).containsExactly("api", "shop", "blog", "new");
        assertThat(names(TargetListing.of(rows, "cert", null, null))).containsExactly("api", "shop", "blog", "new");
        assertThat(names(TargetListing.of(rows, "cert", "desc", null))).containsExactly("shop", "api", "blog", "new");
        TargetListing desc = TargetListing.of(rows, "latency", "desc", null);
        assertThat(desc.column(TargetListing.Sort.LATENCY).ariaSort()).isEqualTo("descending");
        assertThat(desc.column(TargetListing.Sort.LATENCY).href()).isEqualTo("/?sort=latency");
    }

    @Test
    void aLabelFilterKeepsOnlyTheTargetsWithThatLabelAndTheLinksKeepIt() {
        TargetListing l = TargetListing.of(rows, "grade", null, "team:web");
        assertThat(names(l)).containsExactly("shop", "blog");
        assertThat(l.column(TargetListing.Sort.NAME).href()).isEqualTo("/?sort=name&label=team%3Aweb");
        assertThat(l.known()).containsExactly("team:core", "team:web");
        assertThat(l.filterHref("team:core")).isEqualTo("/?sort=grade&label=team%3Acore");
        assertThat(TargetListing.of(rows, null, null, "team:nobody").rows()).isEmpty();
    }

    @Test
    void aQueryItDoesNotUnderstandIsA400NamingTheParameter() {
        assertThatThrownBy(() -> TargetListing.of(rows, "speed", "up", "teamweb"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.problems()).containsExactly(
                            "sort: \"speed\" is not one of name, grade, state, latency, cert",
                            "dir: \"up\" is not asc or desc",
                            "label: \"teamweb\" is not key:value, e.g. team:web");
                });
    }
}
