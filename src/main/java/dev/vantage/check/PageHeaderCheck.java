package dev.vantage.check;

import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Base of checks that grade the final page's response: it answers {@link CheckSupport#PAGE_NOT_ANSWERED} when no
 * response arrived, so subclasses only see a real response.
 */
public abstract class PageHeaderCheck implements Check {

    private final String id;
    private final Area area;
    private final String title;
    private final Set<String> results;

    protected PageHeaderCheck(String id, Area area, String title, String... results) {
        this.id = id;
        this.area = area;
        this.title = title;
        Set<String> all = new HashSet<>(List.of(results));
        all.add(CheckSupport.PAGE_NOT_ANSWERED);
        this.results = Set.copyOf(all);
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

    @Override
    public final Finding evaluate(SiteEvidence evidence) {
        Optional<HttpResponseEvidence> page = CheckSupport.page(evidence);
        return page.isEmpty() ? CheckSupport.notAnswered(this, evidence) : evaluate(page.get(), evidence);
    }

    /** Grades an answered final page. */
    protected abstract Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence);
}
