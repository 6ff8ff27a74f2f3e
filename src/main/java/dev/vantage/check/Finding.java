package dev.vantage.check;

/**
 * What a check concluded about one item of the checklist.
 *
 * @param checkId     stable id, e.g. {@code security.hsts}; listed in docs/checks.md
 * @param result      the precise outcome, e.g. {@code hsts-max-age-too-short}: the key the scoring table prices
 * @param observed    what was seen, quoting the evidence (a header value, a status line)
 * @param remediation one sentence saying how to fix it; empty for passes
 */
public record Finding(String checkId, Area area, String title, Verdict verdict, String result, String observed,
                      String remediation) {
}
