package dev.vantage.interop;

import dev.vantage.probe.tls.ProtocolSupport;
import dev.vantage.probe.tls.TlsInspection;
import dev.vantage.probe.tls.TlsInspectionOptions;
import dev.vantage.probe.tls.TlsInspector;
import io.vertx.core.Vertx;

import java.util.concurrent.TimeUnit;

/** Times full TLS inspections of {@code host port} (used by bench/tls/run.sh); prints a summary and wall times. */
public final class TlsBench {

    private TlsBench() {
    }

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 443;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Vertx vertx = Vertx.vertx();
        try {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                TlsInspection r = TlsInspector.inspect(vertx, host, port, TlsInspectionOptions.defaults())
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                if (i == runs - 1 || "-v".equals(System.getProperty("bench.verbose", ""))) {
                    for (ProtocolSupport p : r.protocols()) {
                        System.out.println(p.protocol().label() + " accepted=" + p.accepted() + " suites="
                                + p.suites().size() + " serverPref=" + p.serverPreference().orElse(null)
                                + p.note().map(n -> " (" + n + ")").orElse(""));
                        if (Boolean.getBoolean("bench.names")) {
                            p.suites().forEach(a -> System.out.println("  " + a.suite().opensslName() + " "
                                    + a.suite().hexCode() + " " + a.keyExchange().map(Object::toString).orElse("")));
                        }
                    }
                    System.out.println("cert trust=" + r.certificate().trust() + " host=" + r.certificate().hostnameMatches()
                            + " compression=" + r.compression() + " reneg=" + r.secureRenegotiation() + " scsv="
                            + r.fallbackScsv() + " errors=" + r.errors());
                }
                System.out.println("vantage-run " + (i + 1) + " wall_ms=" + ms);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
