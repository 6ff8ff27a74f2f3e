package dev.vantage.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.TargetParser;
import dev.vantage.config.TargetSpec;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The target form: the API's JSON tree from its fields, and the parser's problems sorted to those fields. */
class TargetFormTest {

    private final TargetParser parser = TargetParser.forApi(Optional.empty());

    @Test
    void problemsGoToTheFieldTheirPathNames() {
        assertThat(TargetForm.field("url: \"ftp://x\" is not ...")).isEqualTo("url");
        assertThat(TargetForm.field("schedule: give exactly one of interval or cron")).isEqualTo("schedule");
        assertThat(TargetForm.field("audit.every: \"x\" is not a duration")).isEqualTo("audit");
        assertThat(TargetForm.field("labels.__x: not usable")).isEqualTo("labels");
        assertThat(TargetForm.field("headers.X-A: refused")).as("no such field").isEqualTo(TargetForm.GENERAL);
        assertThat(TargetForm.field("(top level): expected a target")).isEqualTo(TargetForm.GENERAL);
        TargetForm shown = TargetForm.blank().withProblems(List.of("url: bad", ".name: bad", "headers.A: bad"));
        assertThat(shown.problems("url")).containsExactly("url: bad");
        assertThat(shown.problems("name")).as("a leading dot dropped").containsExactly("name: bad");
        assertThat(shown.problems(TargetForm.GENERAL)).containsExactly("headers.A: bad");
        assertThat(shown.invalid("url")).isEqualTo("true");
        assertThat(shown.invalid("schedule")).isEqualTo("false");
    }

    @Test
    void aNewTargetsFieldsBecomeTheApiBody() {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("name", " shop ").add("url", "https://shop.example/")
                .add("schedule", "0 */5 * * * ?").add("audit", "12h").add("timeout", "10s")
                .add("labels", "team=web\r\n\r\n tier = gold ").add("public", "true");
        List<String> problems = new ArrayList<>();
        ObjectNode tree = TargetForm.from(form, Optional.empty()).tree(Optional.empty(), problems);
        assertThat(problems).isEmpty();
        assertThat(tree.toString()).isEqualTo("{\"name\":\"shop\",\"url\":\"https://shop.example/\",\"schedule\":"
                + "{\"cron\":\"0 */5 * * * ?\"},\"audit\":{\"every\":\"12h\"},\"timeout\":\"10s\",\"labels\":"
                + "{\"team\":\"web\",\"tier\":\"gold\"},\"public\":true}");
        TargetSpec spec = parser.parse(tree, "", problems).orElseThrow();
        assertThat(spec.labels()).containsEntry("tier", "gold");
        assertThat(TargetForm.of(spec)).isEqualTo(new TargetForm("shop", "https://shop.example/", "0 */5 * * * ?",
                "12h", "10s", "team=web\ntier=gold", true, java.util.Map.of()));
    }

    @Test
    void anEditKeepsWhatTheFormHasNoFieldForAndDropsWhatWasCleared() {
        List<String> problems = new ArrayList<>();
        ObjectNode stored = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("name", "shop").put("url", "https://shop.example/").put("timeout", "5s").put("public", true);
        stored.putObject("schedule").put("interval", "60s");
        stored.putObject("headers").put("X-Probe", "vantage");
        stored.putObject("audit").put("every", "24h");
        TargetSpec before = parser.parse(stored, "", problems).orElseThrow();
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("name", "renamed").add("url", "https://shop.example/b")
                .add("schedule", "30s").add("labels", "oops");
        ObjectNode tree = TargetForm.from(form, Optional.of("shop")).tree(Optional.of(before), problems);
        assertThat(problems).containsExactly("labels: \"oops\" is not key=value");
        assertThat(tree.get("name").asText()).as("targets are not renamed").isEqualTo("shop");
        assertThat(tree.get("headers").get("X-Probe").asText()).isEqualTo("vantage");
        assertThat(tree.has("audit")).isFalse();
        assertThat(tree.has("timeout")).isFalse();
        assertThat(tree.has("public")).isFalse();
        assertThat(tree.get("schedule").toString()).isEqualTo("{\"interval\":\"30s\"}");
    }
}
