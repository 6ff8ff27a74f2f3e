package dev.vantage.probe.exposure;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptLinksTest {

    static final URI PAGE = URI.create("https://app.test/shop/index.html");

    @Test
    void keepsSameOriginScriptsResolvedInOrderWithoutDuplicates() {
        String html = "<script src=\"/static/app.js\"></script><script type=module src='chunk.js#x'></script>"
                + "<script src=https://cdn.other.test/lib.js></script><script SRC=\"//app.test/static/app.js\">"
                + "</script><script>inline()</script><script src=\"https://app.test:8443/x.js\"></script>";

        assertThat(ScriptLinks.scripts(html, PAGE, 10)).containsExactly(URI.create("https://app.test/static/app.js"),
                URI.create("https://app.test/shop/chunk.js"));
    }

    @Test
    void stopsAtTheLimit() {
        String html = "<script src=a.js></script><script src=b.js></script><script src=c.js></script>";

        assertThat(ScriptLinks.scripts(html, PAGE, 2)).hasSize(2);
    }

    @Test
    void findsTheLastSameOriginSourceMapComment() {
        URI script = URI.create("https://app.test/static/app.js");

        assertThat(ScriptLinks.sourceMap("x();\n//# sourceMappingURL=app.js.map\n", script))
                .contains(URI.create("https://app.test/static/app.js.map"));
        assertThat(ScriptLinks.sourceMap("x();\n//# sourceMappingURL=data:application/json;base64,e30=", script))
                .isEmpty();
        assertThat(ScriptLinks.sourceMap("//# sourceMappingURL=https://maps.other.test/a.map", script)).isEmpty();
        assertThat(ScriptLinks.sourceMap("no map here", script)).isEmpty();
    }
}
