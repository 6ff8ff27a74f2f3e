package dev.vantage.console;

/** A public target on the status page: its name and whether it answered, nothing of its findings. */
public record StatusRow(String name, String state) {
}
