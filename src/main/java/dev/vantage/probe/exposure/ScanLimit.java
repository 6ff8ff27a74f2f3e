package dev.vantage.probe.exposure;

import java.util.List;
import java.util.Locale;

/**
 * How much of one body the exposure scanners read: the first {@link #MAX_CHARS} characters. Every scanner is
 * linear in what it reads, so this cap bounds the work one hostile page can cause; it equals the script fetch cap,
 * so a script fetched whole is scanned whole. Pure.
 */
public final class ScanLimit {

    /** 1 MiB of characters (at least 1 MiB of UTF-8 bytes). */
    public static final int MAX_CHARS = 1024 * 1024;

    private ScanLimit() {
    }

    /** The part of {@code body} that is scanned. */
    public static CharSequence head(CharSequence body) {
        return body.length() > MAX_CHARS ? body.subSequence(0, MAX_CHARS) : body;
    }

    /** True when only the {@link #head} of {@code body} is scanned. */
    public static boolean truncated(CharSequence body) {
        return body.length() > MAX_CHARS;
    }

    /** For evidence: {@code " (first 1024 KiB of 2048 KiB scanned)"}, or empty when the whole body was scanned. */
    public static String note(CharSequence body) {
        return truncated(body) ? String.format(Locale.ROOT, " (first %d KiB of %d KiB scanned)", MAX_CHARS / 1024,
                body.length() / 1024) : "";
    }

    /** {@code "; scanned in part: <where> (first ... scanned), ..."}, or empty when nothing was cut. */
    public static String partly(List<String> cut) {
        return cut.isEmpty() ? "" : "; scanned in part: " + String.join(", ", cut);
    }
}
