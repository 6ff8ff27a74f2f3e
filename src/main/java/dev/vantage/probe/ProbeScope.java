package dev.vantage.probe;

import dev.vantage.probe.http.RedirectChain;

import java.net.URI;
import java.util.Optional;

/**
 * What one prober is pointed at: the run's plan, and for the probes that start where the page ended (CORS,
 * exposure, rate limit, load) the page chain the run found.
 */
public record ProbeScope(RunPlan plan, Optional<RedirectChain> page) {

    /** Before the page was fetched: the page, the upgrade chain and the TLS inspection start from the target. */
    public static ProbeScope of(RunPlan plan) {
        return new ProbeScope(plan, Optional.empty());
    }

    public ProbeScope after(RedirectChain page) {
        return new ProbeScope(plan, Optional.of(page));
    }

    /** The URL this probe looks at: where the page chain ended, or the target before it was fetched. */
    public URI url() {
        return page.map(c -> c.last().request().url()).orElse(plan.target());
    }

    /** The page was reached: opt-in probes that load the site (burst, load run) only go to a site that answered. */
    public boolean pageAnswered() {
        return page.map(c -> c.last().answered()).orElse(false);
    }

    public ProbeOptions options() {
        return plan.options();
    }
}
