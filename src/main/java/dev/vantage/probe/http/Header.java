package dev.vantage.probe.http;

/** One header line as it was sent or received, name in its original case. */
public record Header(String name, String value) {
}
