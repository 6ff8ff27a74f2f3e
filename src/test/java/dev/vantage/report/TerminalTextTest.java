package dev.vantage.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TerminalTextTest {

    @Test
    void wrapsAtSpacesWithinTheWidth() {
        assertThat(TerminalText.wrap("aaa bbb ccc ddd", 7)).containsExactly("aaa bbb", "ccc ddd");
    }

    @Test
    void cutsWordsLongerThanTheWidth() {
        assertThat(TerminalText.wrap("ab abcdefghij", 4)).containsExactly("ab", "abcd", "efgh", "ij");
    }

    @Test
    void emptyTextIsOneEmptyLine() {
        assertThat(TerminalText.wrap("  ", 10)).containsExactly("");
    }

    @Test
    void rejectsANonPositiveWidth() {
        assertThatThrownBy(() -> TerminalText.wrap("x", 0)).hasMessageContaining("width must be positive");
    }

    @Test
    void controlsBecomeVisibleAndWhitespaceBecomesSpaces() {
        assertThat(TerminalText.sanitise("a\tb\nc\u001B[2Jd\u009Be\u2067f"))
                .isEqualTo("a b c\\u001B[2Jd\\u009Be\\u2067f");
    }
}
