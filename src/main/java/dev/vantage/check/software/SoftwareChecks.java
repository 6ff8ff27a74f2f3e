package dev.vantage.check.software;

import dev.vantage.check.Check;
import dev.vantage.dataset.Datasets;

import java.util.List;

/** The checks that judge software versions against the datasets (docs/datasets.md), in report order. */
public final class SoftwareChecks {

    private SoftwareChecks() {
    }

    public static List<Check> all(Datasets datasets) {
        return List.of(new VulnerableLibrariesCheck(datasets.vulnerabilities()),
                new EndOfLifeSoftwareCheck(datasets.endOfLife()));
    }
}
