package dev.vantage.grade;

import dev.vantage.check.Finding;

/** A finding with the score modifier the scoring table gave its result. */
public record ScoredFinding(Finding finding, int modifier) {
}
