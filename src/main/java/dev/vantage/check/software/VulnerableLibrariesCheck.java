package dev.vantage.check.software;

import dev.vantage.check.Area;
import dev.vantage.check.BaseCheck;
import dev.vantage.check.CheckSupport;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.dataset.Advisory;
import dev.vantage.dataset.Advisory.Severity;
import dev.vantage.dataset.DatasetInfo;
import dev.vantage.dataset.DatasetUser;
import dev.vantage.dataset.VulnerabilityDataset;
import dev.vantage.probe.ProbeKind;
import dev.vantage.probe.SiteEvidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code security.vulnerable-libraries}: JavaScript library versions the page loads, matched against the
 * vulnerability dataset (retire.js). Script URLs in the HTML are read on every run; with a browser audit the rendered
 * DOM's scripts and the libraries' own globals are added, and on an audit the banners of same-origin scripts. The most
 * severe advisory decides.
 */
public final class VulnerableLibrariesCheck extends BaseCheck implements DatasetUser {

    public static final String NOT_DETECTED = "vulnerable-libraries-none-detected";
    public static final String NONE = "vulnerable-libraries-none";
    public static final String LOW = "vulnerable-library-low";
    public static final String MEDIUM = "vulnerable-library-medium";
    public static final String HIGH = "vulnerable-library-high";

    /** How many libraries, and advisory ids per library, a finding quotes. */
    static final int SHOWN = 5;
    static final int MAX_IDS = 12;

    private final VulnerabilityDataset dataset;

    public VulnerableLibrariesCheck(VulnerabilityDataset dataset) {
        super("security.vulnerable-libraries", Area.SECURITY, "Known-vulnerable JavaScript libraries",
                plus(CheckSupport.PAGE_NOT_ANSWERED, NOT_DETECTED, NONE, LOW, MEDIUM, HIGH));
        this.dataset = dataset;
    }

    /**
     * An audit's: its banners and browser globals add to what the page's script URLs say, and a pulse that re-judged
     * from the URLs alone would replace the audit's finding with a poorer one (and flip the grade back and forth).
     */
    @Override
    public Set<ProbeKind> needs() {
        return Set.of(ProbeKind.PAGE, ProbeKind.EXPOSURE);
    }

    @Override
    public DatasetInfo dataset() {
        return dataset.info();
    }

    @Override
    public Finding evaluate(SiteEvidence evidence) {
        if (CheckSupport.page(evidence).isEmpty() && evidence.browser().isEmpty()) {
            return CheckSupport.notAnswered(this, evidence);
        }
        String data = " (" + dataset.info().describe(evidence.startedAt()) + ")";
        List<DetectedLibrary> found = LibraryDetection.detect(evidence, dataset);
        if (found.isEmpty()) {
            return finding(Verdict.INFO, NOT_DETECTED, "No library the dataset knows was recognised in the page's "
                    + "script URLs" + (evidence.browser().isPresent() ? " or globals" : "") + data + ".", "");
        }
        List<String> vulnerable = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        Severity worst = Severity.NONE;
        boolean any = false;
        for (DetectedLibrary lib : found) {
            List<Advisory> hits = dataset.advisories(lib.library(), lib.version());
            if (hits.isEmpty()) {
                continue;
            }
            any = true;
            Severity top = hits.stream().map(Advisory::severity).max(Comparator.naturalOrder()).orElseThrow();
            worst = top.compareTo(worst) > 0 ? top : worst;
            String fixed = dataset.fixedIn(lib.library(), lib.version()).map(v -> "fixed in " + v)
                    .orElse("no fixed version published");
            vulnerable.add(CheckSupport.quote(lib.name()) + " from " + sources(lib) + ": " + hits.size()
                    + " advisories, worst " + top.id() + ", " + ids(hits) + "; " + fixed);
            fixes.add(lib.library() + dataset.fixedIn(lib.library(), lib.version()).map(v -> " to " + v + " or later")
                    .orElse(" to a maintained version or replace it"));
        }
        if (!any) {
            return finding(Verdict.PASS, NONE, "No known vulnerability in " + found.stream()
                    .map(l -> CheckSupport.quote(l.name())).collect(Collectors.joining(", ")) + data + ".", "");
        }
        String observed = String.join("; ", vulnerable.subList(0, Math.min(SHOWN, vulnerable.size())))
                + (vulnerable.size() > SHOWN ? "; and " + (vulnerable.size() - SHOWN) + " more" : "") + data + ".";
        String remediation = "Upgrade " + String.join(", ", fixes) + ", and keep front-end dependencies under a "
                + "dependency scanner (npm audit, retire.js).";
        return switch (worst) {
            case CRITICAL, HIGH -> finding(Verdict.FAIL, HIGH, observed, remediation);
            case MEDIUM -> finding(Verdict.WARN, MEDIUM, observed, remediation);
            default -> finding(Verdict.WARN, LOW, observed, remediation);
        };
    }

    private static String sources(DetectedLibrary lib) {
        return lib.sources().stream().limit(2).map(CheckSupport::quote).collect(Collectors.joining(" and "))
                + (lib.sources().size() > 2 ? " and " + (lib.sources().size() - 2) + " more" : "");
    }

    private static String ids(List<Advisory> hits) {
        // Every CVE of every advisory; an advisory without a CVE shows its GitHub id; one with neither is counted.
        List<String> ids = hits.stream().flatMap(a -> {
            List<String> cves = a.ids().stream().filter(i -> i.startsWith("CVE-")).toList();
            return !cves.isEmpty() ? cves.stream() : a.ids().stream().limit(1);
        }).distinct().toList();
        long unnamed = hits.stream().filter(a -> a.ids().isEmpty()).count();
        String named = String.join(", ", ids.subList(0, Math.min(MAX_IDS, ids.size())))
                + (ids.size() > MAX_IDS ? " and " + (ids.size() - MAX_IDS) + " more" : "");
        return (named.isEmpty() ? "" : named) + (unnamed == 0 ? "" : (named.isEmpty() ? "" : ", ") + unnamed
                + " without an id");
    }
}
