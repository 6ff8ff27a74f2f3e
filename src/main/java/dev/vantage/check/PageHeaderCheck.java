package dev.vantage.check;

import dev.vantage.probe.SiteEvidence;
import dev.vantage.probe.http.HttpResponseEvidence;

import java.util.Optional;

/**
 * Base of checks that grade the final page's response: it answers {@link CheckSupport#PAGE_NOT_ANSWERED} when no
 * response arrived, so subclasses only see a real response.
 */
public abstract class PageHeaderCheck extends BaseCheck {

    protected PageHeaderCheck(String id, Area area, String title, String... results) {
        super(id, area, title, plus(CheckSupport.PAGE_NOT_ANSWERED, results));
    }

    @Override
    public final Finding evaluate(SiteEvidence evidence) {
        Optional<HttpResponseEvidence> page = CheckSupport.page(evidence);
        return page.isEmpty() ? CheckSupport.notAnswered(this, evidence) : evaluate(page.get(), evidence);
    }

    /** Grades an answered final page. */
    protected abstract Finding evaluate(HttpResponseEvidence page, SiteEvidence evidence);
}
