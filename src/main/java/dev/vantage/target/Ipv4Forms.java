package dev.vantage.target;

import java.util.Locale;
import java.util.Optional;

/**
 * Spots hosts that browsers and curl read as an IPv4 address although they are not written as one: octal parts
 * ({@code 0177.0.0.1}), hex parts ({@code 0x7f.0.0.1}), fewer than four parts ({@code 127.1}) or one number
 * ({@code 2130706433}). Java and Netty read such text differently (or as a name), so Vantage refuses them instead
 * of guessing: whatever it connected to would not be what a browser reaches, and an address policy checked on one
 * reading could be bypassed by the other. The browsers' reading (the WHATWG URL standard's IPv4 parser) is named
 * in the message so the person can write the address plainly.
 */
public final class Ipv4Forms {

    private Ipv4Forms() {
    }

    /**
     * Why {@code host} is an ambiguous (or an invalid) IPv4 form, or empty for plain dotted-decimal addresses and
     * names.
     */
    public static Optional<String> ambiguity(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] parts = h.split("\\.", -1);
        if (h.isEmpty() || !isNumber(parts[parts.length - 1])) {
            return Optional.empty(); // a name: the last label is not a number, so browsers do not read IPv4 either
        }
        Optional<String> form = form(parts);
        if (form.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> reading = browserReading(parts);
        if (reading.isEmpty()) {
            return Optional.of("'" + host + "' is not a valid IPv4 address (" + form.get() + "): browsers reject it");
        }
        return Optional.of("'" + host + "' is an ambiguous IPv4 form (" + form.get() + "): browsers and curl read "
                + "it as " + reading.get() + "; write the address as four decimal numbers without leading zeros");
    }

    private static Optional<String> form(String[] parts) {
        if (parts.length != 4) {
            return Optional.of(parts.length == 1 ? "a single number" : "fewer or more than four parts");
        }
        for (String part : parts) {
            String p = part.toLowerCase(Locale.ROOT);
            if (p.startsWith("0x")) {
                return Optional.of("hexadecimal part '" + part + "'");
            }
            if (p.length() > 1 && p.startsWith("0")) {
                return Optional.of("leading zero in '" + part + "', read as octal");
            }
            if (!p.chars().allMatch(Character::isDigit) || Long.parseLong(p) > 255) {
                return Optional.of("part '" + part + "' is not a number from 0 to 255");
            }
        }
        return Optional.empty();
    }

    private static boolean isNumber(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.startsWith("0x")) {
            return l.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return !l.isEmpty() && l.chars().allMatch(Character::isDigit);
    }

    /** The WHATWG URL IPv4 parser: each part decimal, octal (leading 0) or hex (0x); the last fills the rest. */
    static Optional<String> browserReading(String[] parts) {
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Optional<Long> n = number(parts[i]);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            numbers[i] = n.get();
        }
        long address = 0;
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                return Optional.empty();
            }
            address = address << 8 | numbers[i];
        }
        int restBytes = 5 - numbers.length;
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * restBytes)) {
            return Optional.empty();
        }
        address = address << (8 * restBytes) | last;
        return Optional.of((address >> 24 & 0xff) + "." + (address >> 16 & 0xff) + "." + (address >> 8 & 0xff)
                + "." + (address & 0xff));
    }

    private static Optional<Long> number(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        int radix = 10;
        if (p.startsWith("0x")) {
            radix = 16;
            p = p.substring(2);
        } else if (p.length() > 1 && p.startsWith("0")) {
            radix = 8;
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return Optional.of(0L); // "0x" alone is zero in the standard
        }
        if (p.length() > 12) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(p, radix));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
