package dev.vantage.console;

import dev.vantage.api.ApiException;
import dev.vantage.grade.Grade;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The target list as asked for by its query ({@code /?sort=grade&dir=desc&label=team:web}): filtered by one label,
 * sorted by one column, with the links of the column headers and what a screen reader announces for them
 * ({@code aria-sort}). Plain links and a GET form, so sorting and filtering need no script.
 *
 * @param label the {@code key:value} filter; empty shows every target
 * @param known every {@code key:value} label of the targets, for the filter's hint
 */
public record TargetListing(List<TargetRow> rows, Sort sort, boolean descending, Optional<String> label,
                            List<String> known) {

    /** The sortable columns; each sorts its natural way (best grade, downs, fastest, soonest expiry first). */
    public enum Sort {
        NAME("Target", Comparator.comparing(TargetRow::name)),
        GRADE("Grade", by(r -> r.card().flatMap(c -> Grade.parse(c.grade())).map(Enum::ordinal))),
        STATE("State", by(r -> Optional.of(List.of("down", "unknown", "up").indexOf(r.state())))),
        LATENCY("Last pulse", by(TargetRow::lastPulseMs)),
        CERT("Certificate", by(TargetRow::certDays));

        private final String title;
        private final Comparator<TargetRow> order;

        Sort(String title, Comparator<TargetRow> order) {
            this.title = title;
            this.order = order;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String title() {
            return title;
        }

        static Optional<Sort> parse(String text) {
            return Arrays.stream(values()).filter(s -> s.id().equals(text)).findFirst();
        }
    }

    /** A column header: its link (this column, the other direction when it is the current one) and aria-sort. */
    public record Column(String title, String href, String ariaSort) {
    }

    /**
     * @param sort  {@code name} (default), {@code grade}, {@code state}, {@code latency} or {@code cert}
     * @param dir   {@code asc} (default) or {@code desc}
     * @param label {@code key:value}, or empty/null for every target
     * @throws ApiException 400 naming the parameter when one is not understood
     */
    public static TargetListing of(List<TargetRow> all, String sort, String dir, String label) {
        List<String> problems = new ArrayList<>();
        Sort by = blank(sort) ? Sort.NAME : Sort.parse(sort).orElseGet(() -> {
            problems.add("sort: \"" + sort + "\" is not one of " + Arrays.stream(Sort.values()).map(Sort::id)
                    .collect(Collectors.joining(", ")));
            return Sort.NAME;
        });
        if (!blank(dir) && !dir.equals("asc") && !dir.equals("desc")) {
            problems.add("dir: \"" + dir + "\" is not asc or desc");
        }
        Optional<String> filter = blank(label) ? Optional.empty() : Optional.of(label.trim());
        if (filter.isPresent() && filter.get().indexOf(':') < 1) {
            problems.add("label: \"" + label + "\" is not key:value, e.g. team:web");
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, problems);
        }
        boolean descending = "desc".equals(dir);
        Comparator<TargetRow> order = descending ? by.order.reversed() : by.order;
        List<TargetRow> rows = all.stream().filter(r -> filter.map(f -> has(r, f)).orElse(true))
                .sorted(order.thenComparing(TargetRow::name)).toList();
        List<String> known = List.copyOf(all.stream().flatMap(r -> r.labels().entrySet().stream())
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.toCollection(TreeSet::new)));
        return new TargetListing(rows, by, descending, filter, known);
    }

    public List<Column> columns() {
        return Arrays.stream(Sort.values()).map(s -> {
            boolean current = s == sort;
            String aria = !current ? "none" : descending ? "descending" : "ascending";
            return new Column(s.title(), href(s, current && !descending), aria);
        }).toList();
    }

    /** The header of one column, for templates that place columns by hand. */
    public Column column(Sort s) {
        return columns().get(s.ordinal());
    }

    /** A link to the list filtered by {@code label}, keeping the sort. */
    public String filterHref(String label) {
        return "/?sort=" + sort.id() + (descending ? "&dir=desc" : "") + "&label=" + enc(label);
    }

    public String sortedBy() {
        return sort.title().toLowerCase(Locale.ROOT) + (descending ? ", descending" : ", ascending");
    }

    private String href(Sort s, boolean desc) {
        return "/?sort=" + s.id() + (desc ? "&dir=desc" : "") + label.map(l -> "&label=" + enc(l)).orElse("");
    }

    private static boolean has(TargetRow row, String keyValue) {
        int colon = keyValue.indexOf(':');
        return keyValue.substring(colon + 1).equals(row.labels().get(keyValue.substring(0, colon)));
    }

    /** Rows without a value (never run, no TLS) come last whichever way the column is sorted. */
    private static <T extends Comparable<T>> Comparator<TargetRow> by(Function<TargetRow, Optional<T>> key) {
        return new Comparator<>() {
            @Override
            public int compare(TargetRow a, TargetRow b) {
                return Comparator.<Optional<T>, Boolean>comparing(Optional::isEmpty)
                        .thenComparing(o -> o.orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
                        .compare(key.apply(a), key.apply(b));
            }

            @Override
            public Comparator<TargetRow> reversed() {
                // Reverse the values, not where the missing ones go.
                return (a, b) -> {
                    Optional<T> x = key.apply(a);
                    Optional<T> y = key.apply(b);
                    if (x.isEmpty() || y.isEmpty()) {
                        return Boolean.compare(x.isEmpty(), y.isEmpty());
                    }
                    return y.get().compareTo(x.get());
                };
            }
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
