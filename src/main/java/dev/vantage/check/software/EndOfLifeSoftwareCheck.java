package dev.vantage.check.software;

import dev.vantage.check.Area;
import dev.vantage.check.CheckSupport;
import dev.vantage.check.Finding;
import dev.vantage.check.PageHeaderCheck;
import dev.vantage.check.Verdict;
import dev.vantage.dataset.DatasetInfo;
import dev.vantage.dataset.DatasetUser;
import dev.vantage.dataset.EndOfLifeDataset;
import dev.vantage.dataset.EndOfLifeDataset.Match;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code launch.end-of-life-software}: server software named with its version in {@code Server} or
 * {@code X-Powered-By} ({@code nginx/1.16.1}, {@code PHP/5.6.40}) whose release cycle has reached its end of life:
 * no more security fixes. Judged on the run's own start day ({@link SiteEvidence#startedAt()}), so the finding
 * appears on the day a cycle ends, and a re-grade of old evidence gives the same answer.
 */
public final class EndOfLifeSoftwareCheck extends PageHeaderCheck implements DatasetUser {

    public static final String NONE = "end-of-life-software-none";
    public static final String UNKNOWN = "end-of-life-software-unknown";
    public static final String FOUND = "end-of-life-software-found";

    static final List<String> HEADERS = List.of("Server", "X-Powered-By");
    /** RFC 9110 product tokens with a numeric version: {@code Apache/2.4.41 (Ubuntu) PHP/7.4.3}. */
    private static final Pattern PRODUCT = Pattern.compile("([A-Za-z][A-Za-z0-9._-]{0,40})/v?([0-9]{1,6}(?:\\.[0-9]{1,6}){0,4})");
    /** Banners are cut before matching: a header can be long, a product token never is. */
    static final int MAX_BANNER = 1000;

    private final EndOfLifeDataset dataset;

    public EndOfLifeSoftwareCheck(EndOfLifeDataset dataset) {
        super("launch.end-of-life-software", Area.LAUNCH_READINESS, "End-of-life server software", NONE, UNKNOWN,
                FOUND);
        this.dataset = dataset;
    }

    @Override
    public DatasetInfo dataset() {
        return dataset.info();
    }

    @Override
    protected Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence) {
        LocalDate today = LocalDate.ofInstant(evidence.startedAt(), ZoneOffset.UTC);
        String data = " (" + dataset.info().describe(evidence.startedAt()) + ")";
        List<String> ended = new ArrayList<>();
        List<String> supported = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        for (String name : HEADERS) {
            for (String value : page.headers().values(name)) {
                Matcher m = PRODUCT.matcher(value.length() > MAX_BANNER ? value.substring(0, MAX_BANNER) : value);
                while (m.find()) {
                    dataset.find(m.group(1), m.group(2)).ifPresent(match -> {
                        String shown = name + ": " + CheckSupport.quote(m.group()) + " is " + match.product().name()
                                + " " + match.cycle().cycle();
                        LocalDate eol = match.cycle().eol().orElse(LocalDate.MAX);
                        if (!today.isBefore(eol)) {
                            ended.add(shown + ", end of life " + (eol.equals(LocalDate.EPOCH) ? "(date not "
                                    + "recorded)" : "since " + eol));
                            fixes.add(upgrade(match, today));
                        } else {
                            supported.add(shown + (eol.equals(LocalDate.MAX) ? ", supported"
                                    : ", supported until " + eol));
                        }
                    });
                }
            }
        }
        if (!ended.isEmpty()) {
            return finding(Verdict.FAIL, FOUND, String.join("; ", ended) + data + ".", "Upgrade "
                    + String.join(", ", fixes) + ": an ended release gets no security fixes. Then hide the "
                    + "version (nginx server_tokens off, Apache ServerTokens Prod, expose_php Off).");
        }
        if (!supported.isEmpty()) {
            return finding(Verdict.PASS, NONE, String.join("; ", supported) + data + ".", "");
        }
        return finding(Verdict.INFO, UNKNOWN, "No Server or X-Powered-By banner names a product and version the "
                + "dataset knows, so end of life cannot be judged from outside" + data + ".", "");
    }

    private static String upgrade(Match match, LocalDate today) {
        return match.product().name() + " " + match.cycle().cycle() + " to a supported release ("
                + match.product().cycles().stream().filter(c -> c.eol().map(today::isBefore).orElse(true))
                .map(EndOfLifeDataset.Cycle::cycle).findFirst()
                .map(c -> "e.g. " + c).orElse("see endoflife.date") + ")";
    }
}
