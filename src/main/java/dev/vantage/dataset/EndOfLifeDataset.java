package dev.vantage.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * End-of-life dates of server software by release cycle (from endoflife.date), and the banner product token that
 * names each product in a {@code Server} or {@code X-Powered-By} header ({@code nginx/1.22.1}, {@code PHP/5.6.40}).
 */
public final class EndOfLifeDataset {

    static final String FORMAT = "vantage-end-of-life/1";

    private final DatasetInfo info;
    private final List<Product> products;

    EndOfLifeDataset(DatasetInfo info, List<Product> products) {
        this.info = info;
        this.products = List.copyOf(products);
    }

    /** A product, the banner token that names it, and its release cycles. */
    public record Product(String name, String banner, List<Cycle> cycles) {
    }

    /** A release cycle ({@code 1.22}) and the day support ends; empty while it has no announced end. */
    public record Cycle(String cycle, Optional<LocalDate> eol) {
    }

    /** What a banner's version belongs to. */
    public record Match(Product product, String version, Cycle cycle) {
    }

    public DatasetInfo info() {
        return info;
    }

    public List<Product> products() {
        return products;
    }

    /**
     * The product and release cycle a banner token names ({@code nginx}, {@code 1.16.1}): the cycle whose parts are
     * a prefix of the version's ({@code 1.16} for {@code 1.16.1}), the longest such. Empty when the product or its
     * cycle is unknown.
     */
    public Optional<Match> find(String token, String version) {
        for (Product p : products) {
            if (!p.banner().equalsIgnoreCase(token)) {
                continue;
            }
            String[] parts = version.split("\\.");
            return p.cycles().stream().filter(c -> prefixOf(c.cycle().split("\\."), parts))
                    .max(java.util.Comparator.comparingInt(c -> c.cycle().length()))
                    .map(c -> new Match(p, version, c));
        }
        return Optional.empty();
    }

    private static boolean prefixOf(String[] cycle, String[] version) {
        if (cycle.length > version.length) {
            return false;
        }
        for (int i = 0; i < cycle.length; i++) {
            if (!cycle[i].equals(version[i])) {
                return false;
            }
        }
        return true;
    }

    /** Parses the Vantage end-of-life format (docs/datasets.md); problems name {@code source} and the field. */
    public static EndOfLifeDataset parse(JsonNode root, String source, String name) {
        if (root == null || !root.isObject()) {
            throw new DatasetException(source, "", "expected a JSON object with format, source, date and products");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new DatasetException(source, "format", "expected \"" + FORMAT + "\", got " + root.path("format"));
        }
        LocalDate date = date(source, "date", root.path("date")).orElseThrow(() ->
                new DatasetException(source, "date", "missing: the day the data was taken, like \"2026-08-22\""));
        JsonNode list = root.path("products");
        if (!list.isArray() || list.isEmpty()) {
            throw new DatasetException(source, "products", "missing or empty: expected a list of products");
        }
        List<Product> products = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            products.add(product(source, "products[" + i + "]", list.get(i)));
        }
        String from = root.path("source").asText("");
        return new EndOfLifeDataset(new DatasetInfo("end-of-life", name + (from.isEmpty() ? "" : " (" + from + ")"),
                date), products);
    }

    private static Product product(String src, String field, JsonNode p) {
        String name = text(src, field + ".product", p.path("product"));
        String banner = text(src, field + ".banner", p.path("banner"));
        JsonNode cycles = p.path("cycles");
        if (!cycles.isArray() || cycles.isEmpty()) {
            throw new DatasetException(src, field + ".cycles", "missing or empty: expected a list of release cycles");
        }
        List<Cycle> out = new ArrayList<>();
        for (int i = 0; i < cycles.size(); i++) {
            String f = field + ".cycles[" + i + "]";
            JsonNode c = cycles.get(i);
            String cycle = text(src, f + ".cycle", c.path("cycle"));
            JsonNode eol = c.path("eol");
            if (eol.isMissingNode()) {
                throw new DatasetException(src, f + ".eol", "missing: a date like \"2023-04-11\", or false");
            }
            // endoflife.date writes true for "ended, day not recorded": the epoch stands for "long ago".
            out.add(new Cycle(cycle, eol.isBoolean() ? (eol.asBoolean() ? Optional.of(LocalDate.EPOCH)
                    : Optional.empty()) : date(src, f + ".eol", eol)));
        }
        return new Product(name, banner, out);
    }

    private static String text(String src, String field, JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new DatasetException(src, field, "missing or not text");
        }
        return v.asText().trim();
    }

    private static Optional<LocalDate> date(String src, String field, JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(v.asText()));
        } catch (DateTimeParseException e) {
            throw new DatasetException(src, field, "'" + v.asText() + "' is not a date like 2023-04-11");
        }
    }
}
