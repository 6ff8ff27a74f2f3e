package dev.vantage.config;

import dev.vantage.dataset.DatasetException;
import dev.vantage.dataset.DatasetFiles;
import dev.vantage.dataset.Datasets;

import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code datasets:} section: files that replace the bundled vulnerability and end-of-life data
 * (docs/datasets.md). The files are read here, so {@code vantage validate} refuses a malformed one before the service
 * starts, naming the file and the field.
 */
final class DatasetsParser {

    private DatasetsParser() {
    }

    static Datasets datasets(Node d) {
        if (!d.expectObject(Set.copyOf(DatasetFiles.KINDS))) {
            return Datasets.bundled();
        }
        DatasetFiles files = DatasetFiles.BUNDLED;
        for (String kind : DatasetFiles.KINDS) {
            var path = d.child(kind).text();
            if (path.isPresent()) {
                files = files.with(kind, Path.of(path.get()));
            }
        }
        try {
            return files.load();
        } catch (DatasetException e) {
            d.problem(e.getMessage());
            return Datasets.bundled();
        }
    }
}
