package dev.vantage.report;

import dev.vantage.check.tls.TlsRating;
import dev.vantage.probe.tls.TlsInspection;

/** The TLS section of a report: what the inspection found and the SSL Labs-style rating it earned. */
public record TlsReport(TlsInspection inspection, TlsRating rating) {
}
