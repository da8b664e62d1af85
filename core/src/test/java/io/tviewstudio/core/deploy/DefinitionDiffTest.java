package io.tviewstudio.core.deploy;

import io.tviewstudio.core.deploy.DefinitionDiff.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionDiffTest {

    private static final String INSTALLED = """
            SELECT p.pk_post, p.id,
                   jsonb_build_object('title', p.title) AS data
            FROM tb_post p""";

    @Test
    void theSameTextIsUnchanged() {
        DefinitionDiff diff = DefinitionDiff.between(INSTALLED, INSTALLED);

        assertThat(diff.unchanged()).isTrue();
        assertThat(diff.lines()).extracting(DefinitionDiff.Line::kind).containsOnly(Kind.KEPT).hasSize(3);
    }

    @Test
    void aChangedLineIsRemovedThenAddedInItsPlaceWithBothLineNumbers() {
        String edited = """
                SELECT p.pk_post, p.id,
                       jsonb_build_object('title', upper(p.title)) AS data
                FROM tb_post p
                WHERE p.published""";

        DefinitionDiff diff = DefinitionDiff.between(INSTALLED, edited);

        assertThat(diff.toString()).isEqualTo("""
                  SELECT p.pk_post, p.id,
                -        jsonb_build_object('title', p.title) AS data
                +        jsonb_build_object('title', upper(p.title)) AS data
                  FROM tb_post p
                + WHERE p.published
                """);
        assertThat(diff.lines().get(1)).isEqualTo(new DefinitionDiff.Line(Kind.REMOVED, 2, 0,
                "       jsonb_build_object('title', p.title) AS data"));
        assertThat(diff.lines().get(2).newNumber()).isEqualTo(2);
        assertThat(diff.lines().get(3)).extracting(DefinitionDiff.Line::oldNumber, DefinitionDiff.Line::newNumber)
                .containsExactly(3, 3);
        assertThat(diff.removed()).isEqualTo(1);
        assertThat(diff.added()).isEqualTo(2);
    }

    @Test
    void removedLinesAtTheEndAreListed() {
        DefinitionDiff diff = DefinitionDiff.between(INSTALLED, "SELECT p.pk_post, p.id,");

        assertThat(diff.lines()).extracting(DefinitionDiff.Line::kind).containsExactly(Kind.KEPT, Kind.REMOVED, Kind.REMOVED);
        assertThat(diff.unchanged()).isFalse();
    }
}
