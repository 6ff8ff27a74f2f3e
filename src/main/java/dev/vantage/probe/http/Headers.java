package dev.vantage.probe.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Headers in the order they came, duplicates kept; lookups ignore the case of names. */
public record Headers(List<Header> all) {

    public static final Headers EMPTY = new Headers(List.of());

    public Headers {
        all = List.copyOf(all);
    }

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Header[] headers = new Header[namesAndValues.length / 2];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = new Header(namesAndValues[2 * i], namesAndValues[2 * i + 1]);
        }
        return new Headers(List.of(headers));
    }

    /** Every value of the named header, in order. */
    public List<String> values(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return all.stream().filter(h -> h.name().toLowerCase(Locale.ROOT).equals(wanted)).map(Header::value).toList();
    }

    /** The first value of the named header. */
    public Optional<String> first(String name) {
        return values(name).stream().findFirst();
    }

    public boolean contains(String name) {
        return first(name).isPresent();
    }
}
