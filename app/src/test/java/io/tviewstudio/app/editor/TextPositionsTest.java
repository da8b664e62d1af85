package io.tviewstudio.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextPositionsTest {

    private static final String TEXT = "CREATE TVIEW tv_a AS\nSELECT t.pk_a, t.nmae\nFROM tb_a t;";

    @Test
    void lineAndColumnBecomeAnOffsetAndTheWordThereIsUnderlined() {
        int offset = TextPositions.offset(TEXT, 2, 16);
        int[] range = TextPositions.underline(TEXT, offset);

        assertThat(TEXT.substring(range[0], range[1])).isEqualTo("t.nmae");
    }

    @Test
    void positionsPastTheTextAreClampedAndStillMarkOneCharacter() {
        assertThat(TextPositions.offset(TEXT, 9, 1)).isEqualTo(TEXT.length());
        assertThat(TextPositions.offset(TEXT, 1, 99)).isEqualTo(TEXT.indexOf('\n'));
        int[] atEnd = TextPositions.underline(TEXT, TEXT.length());
        assertThat(atEnd).containsExactly(TEXT.length() - 1, TEXT.length());
        assertThat(TextPositions.underline("", 0)).containsExactly(0, 0);
    }

    @Test
    void theHighlighterStylesKeywordsRelationsStringsAndComments() {
        String sql = "SELECT jsonb_build_object('a', 1) FROM tb_a -- note";
        var spans = SqlHighlighter.highlight(sql);

        assertThat(spans.length()).isEqualTo(sql.length());
        assertThat(spans.getStyleSpan(0).getStyle()).containsExactly("sql-keyword");
        assertThat(styleAt(spans, sql.indexOf("jsonb"))).containsExactly("sql-function");
        assertThat(styleAt(spans, sql.indexOf("'a'"))).containsExactly("sql-string");
        assertThat(styleAt(spans, sql.indexOf("tb_a"))).containsExactly("sql-relation");
        assertThat(styleAt(spans, sql.indexOf("--"))).containsExactly("sql-comment");
    }

    private static java.util.Collection<String> styleAt(org.fxmisc.richtext.model.StyleSpans<java.util.Collection<String>> spans,
                                                         int position) {
        return spans.getStyleSpan(spans.offsetToPosition(position, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor())
                .getStyle();
    }
}
