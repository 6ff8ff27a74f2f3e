package dev.vantage.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The two datasets that judge software versions: known-vulnerable JavaScript libraries (retire.js) and server
 * software end-of-life dates (endoflife.date). Each is the bundled copy unless a file replaces it, so fresh data
 * needs no release (docs/datasets.md).
 */
public record Datasets(VulnerabilityDataset vulnerabilities, EndOfLifeDataset endOfLife) {

    /** Upstream commit and day the bundled retire.js copy was taken (trimmed to the libraries in docs/datasets.md). */
    static final String BUNDLED_VULNERABILITIES = "bundled retire.js jsrepository.json "
            + "(github.com/RetireJS/retire.js at fd8df0d, Apache-2.0)";
    static final LocalDate BUNDLED_VULNERABILITIES_DATE = LocalDate.of(2026, 8, 22);
    /** Files larger than this are refused before parsing: the upstream file is about 0.5 MB. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Datasets BUNDLED = new Datasets(
            VulnerabilityDataset.parse(resource("jsrepository.json"), new DatasetInfo("vulnerabilities",
                    BUNDLED_VULNERABILITIES, BUNDLED_VULNERABILITIES_DATE)),
            EndOfLifeDataset.parse(resource("end-of-life.json"), "bundled end-of-life.json", "bundled"));

    /** The copies shipped inside Vantage. */
    public static Datasets bundled() {
        return BUNDLED;
    }

    /** Both datasets' provenance, for reports. */
    public List<DatasetInfo> infos() {
        return List.of(vulnerabilities.info(), endOfLife.info());
    }

    /**
     * The bundled datasets with the given files in their place. A retire.js file carries no date of its own, so its
     * date is the file's modification day (a download sets it); the end-of-life file states its {@code date}.
     *
     * @throws DatasetException naming the file and the field when a file cannot be used
     */
    public static Datasets load(Optional<Path> vulnerabilities, Optional<Path> endOfLife) {
        VulnerabilityDataset v = vulnerabilities.map(p -> VulnerabilityDataset.parse(read(p),
                new DatasetInfo("vulnerabilities", p.toString(), modified(p)))).orElse(BUNDLED.vulnerabilities);
        EndOfLifeDataset e = endOfLife.map(p -> EndOfLifeDataset.parse(read(p), p.toString(), p.toString()))
                .orElse(BUNDLED.endOfLife);
        return new Datasets(v, e);
    }

    private static JsonNode read(Path file) {
        String src = file.toString();
        try {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new DatasetException(src, "", "not a readable file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new DatasetException(src, "", "larger than " + MAX_FILE_BYTES + " bytes");
            }
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new DatasetException(src + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr()), "",
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DatasetException(src, "", "cannot be read: " + e.getMessage());
        }
    }

    private static LocalDate modified(Path file) {
        try {
            return LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC);
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "", "cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode resource(String name) {
        try (InputStream in = Datasets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled dataset " + name + " is missing from the build");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
