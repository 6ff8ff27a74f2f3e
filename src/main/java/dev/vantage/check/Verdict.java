package dev.vantage.check;

/** The outcome of one check, ordered from worst to best for sorting reports (failures first). */
public enum Verdict {
    FAIL, ERROR, WARN, PASS, INFO, NOT_APPLICABLE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
