package dev.vantage.check;

import dev.vantage.grade.ScoringTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/checks.md and docs/scoring-table.md must agree with the code they describe. */
class DocsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| [a-z/]+ \\| ([+-]?\\d+) \\|",
            Pattern.MULTILINE);

    @Test
    void checksDocListsEveryResultOfEveryCheckWithItsModifier() throws IOException {
        String doc = Files.readString(Path.of("docs/checks.md"));
        ScoringTable table = ScoringTable.current();
        for (Check check : Checks.all()) {
            String heading = "## `" + check.id() + "`";
            assertThat(doc).as("section for " + check.id()).contains(heading);
            int start = doc.indexOf(heading);
            int end = doc.indexOf("\n## ", start + 1);
            String section = doc.substring(start, end < 0 ? doc.length() : end);
            Matcher m = ROW.matcher(section);
            java.util.Set<String> documented = new java.util.HashSet<>();
            while (m.find()) {
                documented.add(m.group(1));
                assertThat(Integer.parseInt(m.group(2))).as(check.id() + " " + m.group(1))
                        .isEqualTo(table.modifier(m.group(1)));
            }
            assertThat(documented).as(check.id()).isEqualTo(check.results());
        }
    }

    @Test
    void scoringDocNamesTheVersionAndEveryCap() throws IOException {
        String doc = Files.readString(Path.of("docs/scoring-table.md"));
        ScoringTable table = ScoringTable.current();
        assertThat(doc).contains("`" + table.version() + "`");
        for (Check check : Checks.all()) {
            for (String result : check.results()) {
                table.cap(result).ifPresent(cap -> assertThat(doc).as("cap of " + result)
                        .contains("| `" + result + "` | " + cap.letter() + " |"));
            }
        }
    }
}
