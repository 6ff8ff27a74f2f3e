package dev.vantage.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.probe.load.LoadEvidence;

import java.util.Optional;

/**
 * The report sections a slow run produces (the TLS section of an audit, the load section of a load run) as JSON
 * text, so the store keeps them beside the run's findings and later pulses' reports show them unchanged.
 */
public final class ReportSections {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportSections() {
    }

    public static String tls(TlsReport tls) {
        ObjectNode node = MAPPER.createObjectNode();
        TransportJson.tls(node, tls);
        return node.toString();
    }

    public static String load(LoadEvidence load) {
        ObjectNode node = MAPPER.createObjectNode();
        LoadJson.load(node, load);
        return node.toString();
    }

    /** A stored section back as a tree; empty when the text is not JSON (a section from a damaged row is dropped). */
    static Optional<JsonNode> parse(String json) {
        try {
            return Optional.of(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
