package dev.vantage.grade;

import dev.vantage.check.Area;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.probe.ProbeFailure;
import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpExchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns findings into scores, letters and caps ({@link Grading}), using the scoring table and nothing else. Pure: the same
 * evidence, findings and table always give the same report. The method is described in docs/grading.md.
 */
public final class Grader {

    /** Report order: worst verdict first, then the most expensive result, then the check id for stability. */
    public static final Comparator<ScoredFinding> WORST_FIRST = Comparator
            .comparing((ScoredFinding s) -> s.finding().verdict())
            .thenComparingInt(ScoredFinding::modifier)
            .thenComparing(s -> s.finding().checkId());

    /** Verdicts that measured something; INFO and NOT_APPLICABLE alone do not earn an area a grade. */
    private static final Set<Verdict> MEASURING = EnumSet.of(Verdict.PASS, Verdict.WARN, Verdict.FAIL);

    private final ScoringTable table;

    public Grader(ScoringTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Scores, caps and letters of the findings; the target is unreachable when the page never answered. */
    public Grading grade(SiteEvidence evidence, List<Finding> findings) {
        List<ScoredFinding> scored = findings.stream()
                .map(f -> new ScoredFinding(f, table.modifier(f.result())))
                .sorted(WORST_FIRST)
                .toList();
        List<Cap> caps = caps(scored);
        Optional<ProbeFailure> unreachable = unreachable(evidence.finalPage());

        int score = score(scored);
        Grade grade = capped(Grade.forScore(score), caps);
        if (unreachable.isPresent()) {
            // Nothing was graded: a score would only reflect which checks happened to say "not applicable".
            score = 0;
            grade = Grade.F;
        }
        List<AreaReport> areas = new ArrayList<>();
        for (Area area : Area.values()) {
            areas.add(unreachable.isPresent() && area.observableFromOutside() && area != Area.RELIABILITY
                    // An unreachable site shows no headers: an A+ "security" for it would be a lie.
                    ? new AreaReport(area, AreaReport.Status.NOT_MEASURED, Optional.empty(), Optional.empty())
                    : areaReport(area, scored, caps));
        }
        return new Grading(grade, score, table.version(), areas, scored,
                caps.stream().map(Cap::sentence).distinct().toList(), unreachable);
    }

    private static AreaReport areaReport(Area area, List<ScoredFinding> all, List<Cap> caps) {
        if (!area.observableFromOutside()) {
            return new AreaReport(area, AreaReport.Status.NOT_GRADED_FROM_OUTSIDE, Optional.empty(),
                    Optional.empty());
        }
        List<ScoredFinding> mine = all.stream().filter(s -> s.finding().area() == area).toList();
        boolean measured = mine.stream()
                .anyMatch(s -> MEASURING.contains(s.finding().verdict()) || s.modifier() != 0);
        if (!measured) {
            return new AreaReport(area, AreaReport.Status.NOT_MEASURED, Optional.empty(), Optional.empty());
        }
        int score = score(mine);
        List<Cap> areaCaps = caps.stream().filter(c -> c.finding().area() == area).toList();
        return new AreaReport(area, AreaReport.Status.GRADED, Optional.of(capped(Grade.forScore(score), areaCaps)),
                Optional.of(score));
    }

    private static int score(List<ScoredFinding> findings) {
        return ObservatoryScore.of(findings.stream().map(ScoredFinding::modifier).toList());
    }

    private static Grade capped(Grade grade, List<Cap> caps) {
        Grade result = grade;
        for (Cap cap : caps) {
            result = result.cappedAt(cap.grade());
        }
        return result;
    }

    /** Caps of the findings present, the lowest first (that one decides), then by check id. */
    private List<Cap> caps(List<ScoredFinding> scored) {
        return scored.stream()
                .flatMap(s -> table.cap(s.finding().result()).map(g -> new Cap(s.finding(), g)).stream())
                .sorted(Comparator.comparing(Cap::grade).reversed()
                        .thenComparing(c -> c.finding().checkId()))
                .toList();
    }

    /** The target is unreachable when the graded page never got a status line back. */
    private static Optional<ProbeFailure> unreachable(HttpExchange finalPage) {
        return finalPage.answered() ? Optional.empty() : finalPage.failure();
    }

    private record Cap(Finding finding, Grade grade) {
        String sentence() {
            return finding.checkId() + ": " + finding.result().replace('-', ' ') + " caps the grade at "
                    + grade.letter();
        }
    }
}
