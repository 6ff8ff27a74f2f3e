package dev.vantage.console;

/**
 * A public target on the status page: its name, whether it answered and its uptime over 90 days, nothing of its
 * findings; {@code uptime} is empty when incidents (and so uptime) are not enabled on this server.
 */
public record StatusRow(String name, String state, java.util.Optional<UptimeBar> uptime) {
}
