package dev.vantage.plan;

import dev.vantage.probe.AddressPolicy;
import dev.vantage.probe.ratelimit.RateLimitSettings;

import java.util.Optional;

/**
 * What only a one-shot {@code vantage check} decides beyond a target's settings: the person at the terminal picks
 * the address policy, the User-Agent, the body cap, an opt-in rate-limit burst and whether Chromium loads the page.
 *
 * @param userAgent sent instead of the default, when given
 * @param browser   whether the plan adds the browser audit (docs/browser.md); Chromium reaches the network only
 *                  through a proxy that holds the same address policy
 */
public record OneShot(AddressPolicy addressPolicy, Optional<String> userAgent, long maxBodyBytes,
                      Optional<RateLimitSettings> rateLimit, boolean browser) {

    public OneShot {
        java.util.Objects.requireNonNull(addressPolicy, "addressPolicy");
        java.util.Objects.requireNonNull(userAgent, "userAgent");
        java.util.Objects.requireNonNull(rateLimit, "rateLimit");
    }
}
