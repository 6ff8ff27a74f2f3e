package dev.vantage.config;

import dev.vantage.dataset.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code datasets:} section: replacement files are read at load, and a bad one is a problem naming it. */
class DatasetsConfigTest {

    private final ConfigLoader loader = new ConfigLoader(new Secrets(Map.<String, String>of()::get));

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionTheBundledDatasetsAreUsed() {
        var r = loader.parse("targets: []\n", "t");

        assertThat(r.errors()).isEmpty();
        assertThat(r.config().orElseThrow().datasets()).isSameAs(Datasets.bundled());
    }

    @Test
    void aReplacementEndOfLifeFileIsLoaded() throws IOException {
        Path eol = Files.writeString(dir.resolve("eol.json"), """
                {"format": "vantage-end-of-life/1", "source": "my mirror", "date": "2026-11-20",
                 "products": [{"product": "nginx", "banner": "nginx", "cycles": [{"cycle": "1.30", "eol": false}]}]}
                """);

        var r = loader.parse("datasets: {end-of-life: " + eol + "}\ntargets: []\n", "t");

        assertThat(r.errors()).isEmpty();
        Datasets d = r.config().orElseThrow().datasets();
        assertThat(d.endOfLife().info().name()).contains(eol.toString()).contains("my mirror");
        assertThat(d.vulnerabilities()).isSameAs(Datasets.bundled().vulnerabilities());
    }

    @Test
    void aMalformedFileIsRefusedNamingTheKeyTheFileAndTheField() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"jquery": {"vulnerabilities": [{"below": 3}], "extractors": {}}}
                """);

        var r = loader.parse("datasets: {vulnerabilities: " + bad + "}\ntargets: []\n", "t");

        assertThat(r.config()).isEmpty();
        assertThat(r.errors()).singleElement().asString().startsWith("datasets: " + bad + ": ")
                .contains("jquery.vulnerabilities[0].below").contains("expected a version string");
    }

    @Test
    void anUnknownKindIsRefused() {
        var r = loader.parse("datasets: {cves: x.json}\ntargets: []\n", "t");

        assertThat(r.errors()).singleElement().asString().contains("datasets.cves").contains("unknown key")
                .contains("end-of-life, vulnerabilities");
    }
}
