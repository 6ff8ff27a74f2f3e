package dev.vantage.grade;

import java.util.Map;
import java.util.Optional;

/**
 * The one scoring table: what each check result is worth (a modifier on the 100-point baseline), which results
 * cap the overall grade, and the table's version (stored with every result so old grades stay explainable).
 * Checks never see scores; they only name results.
 */
public final class ScoringTable {

    private final String version;
    private final Map<String, Integer> modifiers;
    private final Map<String, Grade> caps;

    public ScoringTable(String version, Map<String, Integer> modifiers, Map<String, Grade> caps) {
        this.version = version;
        this.modifiers = Map.copyOf(modifiers);
        this.caps = Map.copyOf(caps);
    }

    /** The table in force. Filled in by the checks that define the results it prices. */
    public static ScoringTable current() {
        return new ScoringTable("0", Map.of(), Map.of());
    }

    public String version() {
        return version;
    }

    /** True when the table prices this result (tests assert every result a check can return is priced). */
    public boolean prices(String result) {
        return modifiers.containsKey(result);
    }

    /** The modifier of a result; a result the table does not know is worth 0 (and fails the completeness test). */
    public int modifier(String result) {
        return modifiers.getOrDefault(result, 0);
    }

    /** The best overall grade a site can get when this result is present, if the result caps it. */
    public Optional<Grade> cap(String result) {
        return Optional.ofNullable(caps.get(result));
    }
}
