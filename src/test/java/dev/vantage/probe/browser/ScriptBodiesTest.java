package dev.vantage.probe.browser;

import dev.vantage.probe.browser.BrowserEvidence.LoadedScript;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounds on the script bodies one audit keeps, whatever the page loads and whatever the browser answers. */
class ScriptBodiesTest {

    private static List<NetworkLog.ScriptResponse> scripts(int n) {
        return IntStream.range(0, n).mapToObj(i -> new NetworkLog.ScriptResponse("r" + i, "https://a.test/" + i + ".js", 100))
                .toList();
    }

    @Test
    void atMostTwentyScriptsAndTwoMebicharactersInAllAreKept() {
        List<LoadedScript> kept = ScriptBodies.fetch(scripts(30),
                id -> Map.of("body", "y".repeat(300 * 1024), "base64Encoded", false));

        assertThat(kept).hasSizeLessThanOrEqualTo(ScriptBodies.MAX_SCRIPTS);
        assertThat(kept.stream().mapToLong(s -> s.body().length()).sum()).isEqualTo(ScriptBodies.MAX_TOTAL_CHARS);
        assertThat(kept.get(kept.size() - 1).truncated()).as("the last one fills what is left").isTrue();

        List<LoadedScript> small = ScriptBodies.fetch(scripts(30), id -> Map.of("body", "1;"));
        assertThat(small).hasSize(ScriptBodies.MAX_SCRIPTS);
    }

    @Test
    void aBodyTheBrowserCannotGiveIsSkippedAndBase64BodiesAreDecoded() {
        List<LoadedScript> kept = ScriptBodies.fetch(scripts(3), id -> switch (id) {
            case "r0" -> throw new IllegalStateException("No resource with given identifier found");
            case "r1" -> Map.of("base64Encoded", true, "body",
                    Base64.getEncoder().encodeToString("var k = 'é';".getBytes(StandardCharsets.UTF_8)));
            default -> Map.of();
        });

        assertThat(kept).extracting(LoadedScript::url, LoadedScript::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("https://a.test/1.js", "var k = 'é';"));
    }

    @Test
    void aScriptThatCameOverTheWireTooBigIsNeverAskedFor() {
        List<String> asked = new java.util.ArrayList<>();
        List<LoadedScript> kept = ScriptBodies.fetch(List.of(
                new NetworkLog.ScriptResponse("huge", "https://a.test/huge.js", ScriptBodies.MAX_FETCHED_BYTES + 1),
                new NetworkLog.ScriptResponse("unknown", "https://a.test/u.js", -1)), id -> {
                    asked.add(id);
                    return Map.of("body", "1;");
                });

        assertThat(asked).containsExactly("unknown");
        assertThat(kept).extracting(LoadedScript::url).containsExactly("https://a.test/u.js");
    }

    @Test
    void theLogNamesScriptsWithTheBytesTheyTook() {
        String answered = "{\"message\":{\"method\":\"Network.responseReceived\",\"params\":{\"requestId\":\"7\","
                + "\"type\":\"Script\",\"response\":{\"url\":\"https://a.test/a.js\",\"status\":200}}}}";
        String image = answered.replace("\"7\"", "\"8\"").replace("Script", "Image");
        String finished = "{\"message\":{\"method\":\"Network.loadingFinished\",\"params\":{\"requestId\":\"7\","
                + "\"encodedDataLength\":1234}}}";

        assertThat(NetworkLog.scripts(List.of(answered, image, finished)))
                .containsExactly(new NetworkLog.ScriptResponse("7", "https://a.test/a.js", 1234));
    }

    @Test
    void evidenceNeverPrintsABody() {
        assertThat(new LoadedScript("https://a.test/x.js", "secret-body", 11).toString()).doesNotContain("secret-body");
    }
}
