package dev.vantage.probe.exposure;

/**
 * A path that must never be served, requested by the exposure probe.
 *
 * @param id   stable key, also the key of the content detector that proves the exposure
 * @param path request path on the target's origin
 * @param what what an attacker gets when it is served, for reports
 */
public record SensitivePath(String id, String path, String what) {
}
