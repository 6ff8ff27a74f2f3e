package dev.vantage.check.exposure;

import dev.vantage.probe.exposure.ScanLimit;
import dev.vantage.probe.exposure.ScriptLinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: one hostile page must not stall grading. Every scanner that reads response bodies is fed adversarial
 * 1 MiB inputs (the shapes that make backtracking patterns quadratic: long runs a pattern can start in but not
 * finish, repeated prefixes, nested-looking traces, seeded random bytes) and may read at most
 * {@link #READS_PER_CHAR} characters per input character. Work is counted in characters read, not in time, so the
 * bound is deterministic; a super-linear pattern exhausts the budget and fails.
 */
class ScannerWorkTest {

    static final int SIZE = 1024 * 1024;
    static final int READS_PER_CHAR = 50;
    static final URI PAGE = URI.create("https://app.test/index.html");

    /** Each scanner that reads bodies, by name. */
    static Map<String, Consumer<CharSequence>> scanners() {
        Map<String, Consumer<CharSequence>> all = new LinkedHashMap<>();
        all.put("SecretScanner", t -> SecretScanner.scan("fuzz", t));
        all.put("ErrorDisclosure", ErrorDisclosure::find);
        SensitiveContent.DETECTORS.forEach((id, d) -> all.put("SensitiveContent " + id, t -> d.matches().test(t)));
        all.put("SensitiveContent.isSourceMap", SensitiveContent::isSourceMap);
        all.put("SensitiveContent.isDirectoryListing", SensitiveContent::isDirectoryListing);
        all.put("HealthEndpointCheck.internals", HealthEndpointCheck::internals);
        all.put("SecurityTxt.parse", SecurityTxt::parse);
        all.put("SoftNotFound.similarity", t -> SoftNotFound.similarity(t, "Not Found"));
        all.put("ScriptLinks.scripts", t -> ScriptLinks.scripts(t, PAGE, 8));
        all.put("ScriptLinks.sourceMap", t -> ScriptLinks.sourceMap(t, PAGE));
        return all;
    }

    /** Hostile bodies of exactly {@link #SIZE} characters, by name. */
    static final Map<String, String> INPUTS = inputs();

    private static Map<String, String> inputs() {
        Map<String, String> in = new LinkedHashMap<>();
        for (String unit : List.of("a-", "x", "=", "\"", " ", "\n", "key=", "password=\"", "xoxb-", "xoxb-----",
                "sk_live_a", "github_pat_", " at", " at a.b(", "\tat com.acme.A.b(A.java:1", " at a() in ",
                "&nbsp;at /a:1:", "a.rb:1:in `", "x.rb:", "<title>(500 ", "goroutine 1 [running]:\n",
                "Warning: in /a", "[core]\n", "A=b\n", "<script ", "<script src=", "# sourceMappingURL=",
                "10.1.1.")) {
            in.put("repeated " + printable(unit), fill(unit));
        }
        in.put("Python traceback head, then whitespace", fill("Traceback (most recent call last):", " "));
        in.put("Go panic head, then no frame", fill("goroutine 1 [running]:\n", "x"));
        in.put("Symfony title, then no component", fill("<title>(500 Internal Server Error)</title>", "y"));
        in.put("seeded random bytes", randomBytes(new Random(15)));
        in.put("seeded random structure", randomStructure(new Random(1515)));
        return in;
    }

    static Stream<String> scannerNames() {
        return scanners().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scannerNames")
    void readsAtMostFiftyCharactersPerInputCharacterOnEveryHostileInput(String name) {
        Consumer<CharSequence> scanner = scanners().get(name);
        List<String> tooSlow = new ArrayList<>();
        long worst = 0;
        for (Map.Entry<String, String> input : INPUTS.entrySet()) {
            long budget = (long) READS_PER_CHAR * input.getValue().length();
            CountingText text = new CountingText(input.getValue(), budget);
            try {
                scanner.accept(text);
                worst = Math.max(worst, text.reads() / input.getValue().length());
            } catch (CountingText.BudgetSpent e) {
                tooSlow.add(input.getKey());
            }
        }
        assertThat(tooSlow).as(name + " read more than " + READS_PER_CHAR + " characters per character of")
                .isEmpty();
        assertThat(worst).isLessThanOrEqualTo(READS_PER_CHAR);
    }

    @Test
    void onlyTheFirstMebibyteOfABodyIsScanned() {
        String body = fill("a-").repeat(3);
        long budget = (long) READS_PER_CHAR * ScanLimit.MAX_CHARS;
        for (Map.Entry<String, Consumer<CharSequence>> scanner : scanners().entrySet()) {
            CountingText text = new CountingText(body, budget);
            scanner.getValue().accept(text);
            assertThat(text.reads()).as(scanner.getKey()).isLessThanOrEqualTo(budget);
        }
        assertThat(ScanLimit.note(body)).isEqualTo(" (first 1024 KiB of 3072 KiB scanned)");
        assertThat(ScanLimit.note(fill("a-"))).isEmpty();
    }

    private static String fill(String unit) {
        return fill("", unit);
    }

    private static String fill(String head, String unit) {
        StringBuilder b = new StringBuilder(SIZE + unit.length()).append(head);
        while (b.length() < SIZE) {
            b.append(unit);
        }
        b.setLength(SIZE);
        return b.toString();
    }

    private static String randomBytes(Random random) {
        byte[] bytes = new byte[SIZE];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Fragments of every pattern's syntax in random order: partial matches everywhere. */
    private static String randomStructure(Random random) {
        String[] parts = {"at ", "(", ")", ".java:", ":", "1", "a", ".", "/", " in ", ":line ", ".rb:", "`", "'",
            "\"", "=", "\n", " ", "<", ">", "title", "-", "_", "key", "secret", "xoxb-", "File ", "line ",
            ".go:", ".php", "#0 ", "src=", "<script", "sourceMappingURL=", "[core]", "A", "Z", "0"};
        StringBuilder b = new StringBuilder(SIZE + 32);
        while (b.length() < SIZE) {
            b.append(parts[random.nextInt(parts.length)]);
        }
        b.setLength(SIZE);
        return b.toString();
    }

    private static String printable(String unit) {
        return "'" + unit.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }
}
