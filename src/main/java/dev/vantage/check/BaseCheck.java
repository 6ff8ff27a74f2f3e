package dev.vantage.check;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Base of checks whose id, area, title and possible results are fixed when the check is built. */
public abstract class BaseCheck implements Check {

    private final String id;
    private final Area area;
    private final String title;
    private final Set<String> results;

    protected BaseCheck(String id, Area area, String title, String... results) {
        this(id, area, title, Set.of(results));
    }

    protected BaseCheck(String id, Area area, String title, Set<String> results) {
        this.id = id;
        this.area = area;
        this.title = title;
        this.results = Set.copyOf(results);
    }

    /** {@code results} and {@code shared}, for a base class whose own evaluation can return {@code shared}. */
    protected static Set<String> plus(String shared, String... results) {
        Set<String> all = new HashSet<>(List.of(results));
        all.add(shared);
        return all;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Area area() {
        return area;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Set<String> results() {
        return results;
    }
}
