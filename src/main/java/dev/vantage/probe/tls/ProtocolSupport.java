package dev.vantage.probe.tls;

import java.util.List;
import java.util.Optional;

/**
 * Whether the server accepts one protocol and which suites, in the server's order when it enforces one.
 *
 * @param serverPreference true when the server picks by its own order, false when it follows the client's, empty
 *                         when fewer than two suites were accepted (nothing to order) or the test could not run
 * @param note             why the protocol counts as rejected (alert, closed, other version answered), or errors
 */
public record ProtocolSupport(TlsProtocol protocol, boolean accepted, List<AcceptedSuite> suites,
                              Optional<Boolean> serverPreference, Optional<String> note) {

    public ProtocolSupport {
        suites = List.copyOf(suites);
    }

    public List<String> suiteNames() {
        return suites.stream().map(AcceptedSuite::ianaName).toList();
    }
}
