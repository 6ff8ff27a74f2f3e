package dev.vantage.dataset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled datasets, replacing them from files, and refusing malformed files by file and field. */
class DatasetsTest {

    @TempDir
    Path dir;

    @Nested
    class Bundled {
        final VulnerabilityDataset vulns = Datasets.bundled().vulnerabilities();
        final EndOfLifeDataset eol = Datasets.bundled().endOfLife();

        @Test
        void jquery183HasItsKnownCvesAndAFixedInVersion() {
            assertThat(vulns.advisories("jquery", "1.8.3")).flatExtracting(Advisory::ids)
                    .contains("CVE-2012-6708", "CVE-2015-9251", "CVE-2019-11358", "CVE-2020-11023")
                    // its range starts at 1.12.0: the bounds are read, not just the upper one
                    .doesNotContain("CVE-2020-11022");
            assertThat(vulns.fixedIn("jquery", "1.8.3")).hasValue("3.5.0");
            assertThat(vulns.advisories("jquery", "3.7.1")).isEmpty();
            assertThat(vulns.fixedIn("jquery", "3.7.1")).isEmpty();
        }

        @Test
        void scriptUrlsNameLibraryAndVersionInTheUsualShapes() {
            assertThat(vulns.fromUrl("https://shop.example/js/jquery-1.8.3.min.js?v=2"))
                    .containsExactly(Map.entry("jquery", "1.8.3"));
            assertThat(vulns.fromUrl("https://cdnjs.cloudflare.com/ajax/libs/jquery/1.12.4/jquery.min.js"))
                    .containsExactly(Map.entry("jquery", "1.12.4"));
            assertThat(vulns.fromUrl("https://cdn.jsdelivr.net/npm/vue@2.5.16/dist/vue.js"))
                    .contains(Map.entry("vue", "2.5.16"));
            assertThat(vulns.fromUrl("https://shop.example/js/app.js")).isEmpty();
        }

        @Test
        void aBannerAtTheTopOfAScriptNamesItsVersionOnlyThere() {
            assertThat(vulns.fromBanner("/*! jQuery v1.8.3 | (c) stand-in */\nwindow.x = 1;"))
                    .containsExactly(Map.entry("jquery", "1.8.3"));
            assertThat(vulns.fromBanner("x".repeat(VulnerabilityDataset.BANNER_HEAD) + "/*! jQuery v1.8.3 */"))
                    .isEmpty();
        }

        @Test
        void aVeryLongUrlIsCutBeforeTheDatasetsExpressionsMeetIt() {
            String hostile = "https://x.example/" + "1.".repeat(200_000) + "/jquery.js";
            assertThat(vulns.fromUrl(hostile)).isEmpty();
        }

        @Test
        void bannerVersionsFindTheirReleaseCycle() {
            assertThat(eol.find("nginx", "1.16.1")).hasValueSatisfying(m -> {
                assertThat(m.cycle().cycle()).isEqualTo("1.16");
                assertThat(m.cycle().eol()).hasValue(LocalDate.of(2020, 4, 20));
            });
            assertThat(eol.find("PHP", "5.6.40")).hasValueSatisfying(m -> assertThat(m.cycle().cycle())
                    .isEqualTo("5.6"));
            assertThat(eol.find("Microsoft-IIS", "8.5")).isPresent();
            assertThat(eol.find("Express", "4.18")).isEmpty();
            assertThat(eol.find("nginx", "0.1")).isEmpty();
        }

        @Test
        void bothSayWhereTheyCameFromAndWhen() {
            assertThat(vulns.info().name()).contains("retire.js").contains("Apache-2.0");
            assertThat(vulns.info().date()).isEqualTo(LocalDate.of(2026, 8, 22));
            assertThat(eol.info().name()).contains("endoflife.date").contains("MIT");
            assertThat(eol.info().stale(Instant.parse("2026-09-01T00:00:00Z"))).isFalse();
            assertThat(eol.info().describe(Instant.parse("2027-06-01T00:00:00Z"))).contains("WARNING: 283 days old");
        }
    }

    @Test
    void aReplacedVulnerabilityFileIsUsedAndDatedByItsModificationDay() throws IOException {
        Path file = write("mine.json", """
                {"jquery": {"vulnerabilities": [{"below": "9.0.0", "severity": "high",
                  "identifiers": {"CVE": ["CVE-2099-0001"]}, "info": ["https://example.org/"]}],
                 "extractors": {"filename": ["jquery-(§§version§§)(\\\\.min)?\\\\.js"]}}}
                """);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-11-01T10:00:00Z")));

        Datasets d = Datasets.load(Optional.of(file), Optional.empty());

        assertThat(d.vulnerabilities().advisories("jquery", "3.7.1")).flatExtracting(Advisory::ids)
                .containsExactly("CVE-2099-0001");
        assertThat(d.vulnerabilities().info().name()).isEqualTo(file.toString());
        assertThat(d.vulnerabilities().info().date()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(d.endOfLife()).isSameAs(Datasets.bundled().endOfLife());
    }

    @Test
    void upstreamsUntrimmedFileParses() {
        // The bundled copy is a subset of upstream's file in the same format; anything upstream may add (func,
        // hashes, bowername) is ignored rather than refused.
        assertThat(Datasets.bundled().vulnerabilities().libraryNames()).contains("jquery", "angularjs", "lodash");
    }

    @Nested
    class MalformedFilesAreRefusedNamingFileAndField {

        @Test
        void anUnknownSeverity() throws IOException {
            Path file = write("bad-severity.json", """
                    {"jquery": {"vulnerabilities": [{"below": "1.0"}, {"below": "2.0", "severity": "dire"}],
                     "extractors": {}}}
                    """);
            assertThatThrownBy(() -> Datasets.load(Optional.of(file), Optional.empty()))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("jquery.vulnerabilities[0].severity");
        }

        @Test
        void aRangeWithoutBounds() throws IOException {
            Path file = write("no-range.json", """
                    {"jquery": {"vulnerabilities": [{"severity": "low"}], "extractors": {}}}
                    """);
            assertThatThrownBy(() -> Datasets.load(Optional.of(file), Optional.empty()))
                    .hasMessageContaining("no-range.json: jquery.vulnerabilities[0]: needs atOrAbove or below");
        }

        @Test
        void aBrokenRegularExpression() throws IOException {
            Path file = write("bad-regex.json", """
                    {"jquery": {"vulnerabilities": [], "extractors": {"uri": ["/(§§version§§/jquery.js"]}}}
                    """);
            assertThatThrownBy(() -> Datasets.load(Optional.of(file), Optional.empty()))
                    .hasMessageContaining("bad-regex.json: jquery.extractors.uri[0]: not a valid regular expression");
        }

        @Test
        void notJsonAtAll() throws IOException {
            Path file = write("garbage.json", "<html>not json</html>");
            assertThatThrownBy(() -> Datasets.load(Optional.of(file), Optional.empty()))
                    .hasMessageContaining("garbage.json").hasMessageContaining("not valid JSON");
        }

        @Test
        void aMissingFile() {
            Path file = dir.resolve("absent.json");
            assertThatThrownBy(() -> Datasets.load(Optional.empty(), Optional.of(file)))
                    .hasMessageContaining("absent.json: not a readable file");
        }

        @Test
        void anEndOfLifeDateThatIsNotADate() throws IOException {
            Path file = write("eol.json", """
                    {"format": "vantage-end-of-life/1", "source": "test", "date": "2026-11-01",
                     "products": [{"product": "nginx", "banner": "nginx",
                       "cycles": [{"cycle": "1.30", "eol": false}, {"cycle": "1.16", "eol": "April 2020"}]}]}
                    """);
            assertThatThrownBy(() -> Datasets.load(Optional.empty(), Optional.of(file)))
                    .hasMessageContaining("eol.json: products[0].cycles[1].eol: 'April 2020' is not a date");
        }

        @Test
        void anEndOfLifeFileWithoutItsDate() throws IOException {
            Path file = write("undated.json", """
                    {"format": "vantage-end-of-life/1", "products": [{"product": "nginx", "banner": "nginx",
                       "cycles": [{"cycle": "1.30", "eol": false}]}]}
                    """);
            assertThatThrownBy(() -> Datasets.load(Optional.empty(), Optional.of(file)))
                    .hasMessageContaining("undated.json: date: missing");
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
