package dev.vantage.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files replace the bundled datasets, by kind ({@code vulnerabilities}, {@code end-of-life}). The one place
 * both the configuration ({@code datasets:}) and the command line ({@code --dataset KIND=FILE}) name them.
 */
public record DatasetFiles(Map<String, Path> files) {

    public static final String VULNERABILITIES = "vulnerabilities";
    public static final String END_OF_LIFE = "end-of-life";
    public static final List<String> KINDS = List.of(VULNERABILITIES, END_OF_LIFE);
    public static final DatasetFiles BUNDLED = new DatasetFiles(Map.of());

    public DatasetFiles {
        files = Map.copyOf(files);
    }

    /** The same files with {@code kind} replaced by {@code file}; an unknown kind names the known ones. */
    public DatasetFiles with(String kind, Path file) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("dataset kind '" + kind + "' is not known: use "
                    + String.join(" or ", KINDS));
        }
        Map<String, Path> copy = new LinkedHashMap<>(files);
        copy.put(kind, file);
        return new DatasetFiles(copy);
    }

    /** {@code KIND=FILE}, as {@code --dataset} takes it. */
    public DatasetFiles with(String kindEqualsFile) {
        int eq = kindEqualsFile.indexOf('=');
        if (eq <= 0 || eq == kindEqualsFile.length() - 1) {
            throw new IllegalArgumentException("--dataset '" + kindEqualsFile + "' must be KIND=FILE, KIND one of "
                    + String.join(", ", KINDS));
        }
        return with(kindEqualsFile.substring(0, eq).trim(), Path.of(kindEqualsFile.substring(eq + 1).trim()));
    }

    /**
     * Reads the named files over the bundled datasets.
     *
     * @throws DatasetException naming the file and field when one cannot be used
     */
    public Datasets load() {
        return Datasets.load(Optional.ofNullable(files.get(VULNERABILITIES)), Optional.ofNullable(files.get(END_OF_LIFE)));
    }
}
