package dev.vantage.report;

import dev.vantage.grade.ScoredFinding;
import dev.vantage.grade.AreaReport;
import dev.vantage.check.Finding;
import dev.vantage.check.Verdict;
import dev.vantage.check.load.LoadSummary;
import dev.vantage.grade.Grade;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The report card for people: grade up top, then areas, then failures (each with what was observed and how to
 * fix it), warnings, and passes compactly. Lines stay within {@value #WIDTH} columns; colour is opt-in because
 * only the caller knows whether the output is a terminal.
 */
public final class TextReportRenderer implements ReportRenderer {

    /** Wrap width in columns. */
    public static final int WIDTH = 100;

    private static final String INDENT = "  ";
    private static final int LABEL = 7;
    private static final int KEY = 10;
    private static final String DETAIL_INDENT = INDENT + " ".repeat(LABEL);

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";

    private final boolean colour;

    public TextReportRenderer(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        header(out, report);
        report.unreachable().ifPresent(f -> {
            out.append('\n').append(paint(BOLD + RED, "Target unreachable")).append('\n');
            detail(out, INDENT, "reason", f.describe());
        });
        if (!report.capsApplied().isEmpty()) {
            out.append('\n').append(paint(BOLD, "Grade capped")).append('\n');
            report.capsApplied().forEach(c -> wrapped(out, INDENT, c));
        }
        evidence(out, report.composition(), report.startedAt());
        areas(out, report.areas());
        report.tls().ifPresent(tls -> tls(out, tls));
        report.load().ifPresent(load -> load(out, load));
        report.idleLatency().ifPresent(idle -> idle(out, idle));
        List<ScoredFinding> findings = report.findings();
        detailed(out, "Failures", findings, Set.of(Verdict.FAIL, Verdict.ERROR));
        detailed(out, "Warnings", findings, Set.of(Verdict.WARN));
        compact(out, "Passed", findings, Verdict.PASS, false);
        compact(out, "Information", findings, Verdict.INFO, true);
        compact(out, "Not applicable", findings, Verdict.NOT_APPLICABLE, false);
        if (findings.isEmpty()) {
            out.append('\n').append("No checks ran.").append('\n');
        }
        return out.toString();
    }

    private void header(StringBuilder out, Report report) {
        out.append(paint(BOLD, "Vantage report for ")).append(clean(report.target().toString())).append('\n');
        out.append(paint(BOLD, "Grade ")).append(paint(BOLD + gradeColour(report.grade()), report.grade().letter()))
                .append("  score ").append(report.score()).append('\n');
        out.append("Scoring table ").append(clean(report.scoringVersion()))
                .append(", started ").append(report.startedAt())
                .append(", took ").append(duration(report.took())).append('\n');
        report.datasets().forEach(d -> out.append(d.stale(report.startedAt()) ? paint(BOLD, "Data: ") : "Data: ")
                .append(clean(d.describe(report.startedAt()))).append('\n'));
    }

    private void tls(StringBuilder out, TlsReport tls) {
        out.append('\n').append(paint(BOLD, "TLS")).append('\n');
        detail(out, INDENT, "rating", tls.rating().letter() + " (score " + tls.rating().score() + ")");
        tls.inspection().protocols().stream().filter(p -> p.accepted()).forEach(p -> detail(out, INDENT,
                p.protocol().label(), String.join(" ", p.suiteNames())));
        var cert = tls.inspection().certificate();
        cert.leaf().ifPresent(leaf -> detail(out, INDENT, "cert", clean(leaf.subject()) + ", " + leaf.keyAlgorithm()
                + " " + leaf.keyBits() + ", expires " + leaf.notAfter() + (cert.trust().trusted() ? ", trusted"
                : ", NOT trusted: " + clean(cert.trust().problem().orElse("?")))));
    }

    private void load(StringBuilder out, dev.vantage.probe.load.LoadEvidence load) {
        out.append('\n').append(paint(BOLD, "Load run")).append('\n');
        detail(out, INDENT, "outcome", JsonReportRenderer.enumId(load.outcome()));
        wrapped(out, INDENT, clean(LoadSummary.describe(load)));
        load.degradation().ifPresent(ratio -> detail(out, INDENT, "slowdown", String.format(Locale.ROOT,
                "p95 %.1fx the idle p95 of %s", ratio, LoadSummary.ms(load.idleP95().orElseThrow()))));
    }

    private void idle(StringBuilder out, IdleLatency idle) {
        out.append('\n').append(paint(BOLD, "Idle latency")).append(" (" + idle.samples() + " probes, last "
                + dev.vantage.target.Durations.format(idle.window()) + ")").append('\n');
        // "processing" is as wide as the key column; on a terminal it is the time to first byte.
        idle.phases().forEach((phase, p) -> detail(out, INDENT, phase.equals(IdleLatency.PROCESSING) ? "ttfb" : phase,
                "p50 " + LoadSummary.ms(p.p50()) + ", p90 " + LoadSummary.ms(p.p90())
                + ", p95 " + LoadSummary.ms(p.p95()) + ", p99 " + LoadSummary.ms(p.p99())));
    }


    /** A composed report (service mode) says how old each kind of evidence is, and warns about stale evidence. */
    private void evidence(StringBuilder out, Composition c, java.time.Instant now) {
        if (c == Composition.NONE) {
            return;
        }
        out.append('\n').append(paint(BOLD, "Evidence")).append('\n');
        for (dev.vantage.probe.RunKind kind : dev.vantage.probe.RunKind.values()) {
            String age = c.state(kind).map(st -> dev.vantage.target.Durations.format(java.time.Duration.ofSeconds(
                    Math.max(0, java.time.Duration.between(st.takenAt(), now).toSeconds()))) + " old"
                    + (c.fresh().contains(kind) ? " (this run)" : "")).orElse("none yet");
            detail(out, INDENT, kind.id(), age);
        }
        c.warnings().forEach(w -> wrapped(out, INDENT, paint(YELLOW, "warning: ") + w));
    }

    private void areas(StringBuilder out, List<AreaReport> areas) {
        out.append('\n').append(paint(BOLD, "Areas")).append('\n');
        int titleWidth = areas.stream().mapToInt(a -> a.area().title().length()).max().orElse(0) + 2;
        for (AreaReport a : areas) {
            out.append(INDENT).append(pad(a.area().title(), titleWidth));
            if (a.status() == AreaReport.Status.GRADED && a.grade().isPresent()) {
                Grade g = a.grade().get();
                out.append(paint(gradeColour(g), pad(g.letter(), 4)))
                        .append(a.score().map(s -> String.format(Locale.ROOT, "%4d", s)).orElse(""));
            } else {
                out.append(paint(DIM, a.status().text()));
            }
            out.append('\n');
        }
    }

    private void detailed(StringBuilder out, String title, List<ScoredFinding> all, Set<Verdict> verdicts) {
        List<ScoredFinding> mine = all.stream().filter(s -> verdicts.contains(s.finding().verdict())).toList();
        if (mine.isEmpty()) {
            return;
        }
        out.append('\n').append(paint(BOLD, title + " (" + mine.size() + ")")).append('\n');
        for (ScoredFinding s : mine) {
            line(out, s);
            detail(out, DETAIL_INDENT, "observed", s.finding().observed());
            detail(out, DETAIL_INDENT, "fix", s.finding().remediation());
        }
    }

    private void compact(StringBuilder out, String title, List<ScoredFinding> all, Verdict verdict,
                         boolean withObserved) {
        List<ScoredFinding> mine = all.stream().filter(s -> s.finding().verdict() == verdict).toList();
        if (mine.isEmpty()) {
            return;
        }
        out.append('\n').append(paint(BOLD, title + " (" + mine.size() + ")")).append('\n');
        for (ScoredFinding s : mine) {
            line(out, s);
            if (withObserved) {
                detail(out, DETAIL_INDENT, "observed", s.finding().observed());
            }
        }
    }

    /** {@code FAIL   security.csp  Content-Security-Policy  -25}, wrapped when the title is long. */
    private void line(StringBuilder out, ScoredFinding s) {
        Finding f = s.finding();
        String label = f.verdict() == Verdict.NOT_APPLICABLE ? "N/A" : f.verdict().name();
        String modifier = s.modifier() == 0 ? "" : "  " + (s.modifier() > 0 ? "+" : "") + s.modifier();
        String text = clean(f.checkId()) + "  " + clean(f.title()) + modifier;
        int room = WIDTH - DETAIL_INDENT.length();
        // Wrapping collapses the double spaces between columns, so only wrap what would overflow.
        List<String> lines = text.length() <= room ? List.of(text) : TerminalText.wrap(text, room);
        out.append(INDENT).append(paint(verdictColour(f.verdict()), pad(label, LABEL))).append(lines.get(0))
                .append('\n');
        lines.subList(1, lines.size()).forEach(l -> out.append(DETAIL_INDENT).append(l).append('\n'));
    }

    /** A labelled value whose continuation lines line up under its first line. */
    private void detail(StringBuilder out, String indent, String key, String value) {
        String text = clean(value).trim();
        if (text.isEmpty()) {
            return;
        }
        String hanging = indent + " ".repeat(KEY);
        List<String> lines = TerminalText.wrap(text, WIDTH - hanging.length());
        out.append(indent).append(paint(DIM, pad(key, KEY))).append(lines.get(0)).append('\n');
        lines.subList(1, lines.size()).forEach(l -> out.append(hanging).append(l).append('\n'));
    }

    private void wrapped(StringBuilder out, String indent, String text) {
        TerminalText.wrap(clean(text), WIDTH - indent.length()).forEach(l -> out.append(indent).append(l).append('\n'));
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private static String clean(String text) {
        return TerminalText.sanitise(text == null ? "" : text);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }

    private static String gradeColour(Grade g) {
        if (!g.isWorseThan(Grade.A_MINUS)) {
            return GREEN;
        }
        return g.isWorseThan(Grade.C_MINUS) ? RED : YELLOW;
    }

    private static String verdictColour(Verdict v) {
        return switch (v) {
            case FAIL, ERROR -> RED;
            case WARN -> YELLOW;
            case PASS -> GREEN;
            case INFO, NOT_APPLICABLE -> DIM;
        };
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
