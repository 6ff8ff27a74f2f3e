package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ScanLimit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed {@code security.txt} (RFC 9116): the fields this check needs. Lines are {@code Field: value};
 * comments ({@code #}) and the OpenPGP signature wrapping are ignored. Pure.
 *
 * @param contacts     every Contact value (the RFC requires at least one)
 * @param expires      every Expires value as written (the RFC requires exactly one)
 * @param expiresAt    the single Expires value parsed (RFC 3339), when there is exactly one and it parses
 */
public record SecurityTxt(List<String> contacts, List<String> expires, Optional<Instant> expiresAt) {

    /** Parses the first {@link ScanLimit#MAX_CHARS} characters of {@code text}, line by line, in linear time. */
    public static SecurityTxt parse(CharSequence text) {
        CharSequence scanned = ScanLimit.head(text);
        List<String> contacts = new ArrayList<>();
        List<String> expires = new ArrayList<>();
        for (int start = 0; start < scanned.length(); ) {
            int end = start;
            while (end < scanned.length() && scanned.charAt(end) != '\n') {
                end++;
            }
            String line = scanned.subSequence(start, end).toString().strip();
            start = end + 1;
            if (line.startsWith("#") || line.startsWith("-----") || line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (field.equals("contact") && !value.isEmpty()) {
                contacts.add(value);
            } else if (field.equals("expires")) {
                expires.add(value);
            }
        }
        Optional<Instant> at = Optional.empty();
        if (expires.size() == 1) {
            try {
                at = Optional.of(OffsetDateTime.parse(expires.get(0)).toInstant());
            } catch (DateTimeParseException e) {
                at = Optional.empty();
            }
        }
        return new SecurityTxt(List.copyOf(contacts), List.copyOf(expires), at);
    }

    /** What keeps it from being valid, or empty when valid (expiry is judged separately). */
    public Optional<String> problem() {
        if (contacts.isEmpty()) {
            return Optional.of("no Contact field");
        }
        if (expires.isEmpty()) {
            return Optional.of("no Expires field");
        }
        if (expires.size() > 1) {
            return Optional.of(expires.size() + " Expires fields (exactly one allowed)");
        }
        if (expiresAt.isEmpty()) {
            return Optional.of("Expires '" + expires.get(0) + "' is not an RFC 3339 date-time");
        }
        return Optional.empty();
    }
}
