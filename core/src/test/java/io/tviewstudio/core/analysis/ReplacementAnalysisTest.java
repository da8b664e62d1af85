package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A definition analysed as the replacement of an installed TVIEW (CatalogSnapshot.replacing), against the blog. */
class ReplacementAnalysisTest {

    private static final String NEW_TV_POST = """
            CREATE TVIEW tv_post AS
            SELECT p.pk_post, p.id, p.fk_user, p.fk_category,
                   jsonb_build_object('title', upper(p.title), 'author', u.name) AS data
            FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user""";

    @Test
    void theTviewBeingReplacedIsNoExistingTviewNorAnExistingRelation() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            CatalogSnapshot live = new LiveCatalog(db.connection());

            assertThat(DefinitionAnalyzer.analyze(NEW_TV_POST, live).errors())
                    .extracting(Diagnostic::code).containsExactly(ErrorCode.TV002);
            AnalysisResult replacement = DefinitionAnalyzer.analyze(NEW_TV_POST, new LiveCatalog(db.connection()).replacing(Set.of("post")));
            assertThat(replacement.diagnostics()).isEmpty();
            assertThat(replacement.sources()).containsExactly("tb_post", "tb_user");
        }
    }

    @Test
    void anotherExistingTviewIsStillTv002WhileOneIsReplaced() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            CatalogSnapshot replacing = new LiveCatalog(db.connection()).replacing(Set.of("post"));

            AnalysisResult other = DefinitionAnalyzer.analyze(NEW_TV_POST.replace("tv_post", "tv_comment"), replacing);

            assertThat(other.errors()).extracting(Diagnostic::code).contains(ErrorCode.TV002);
            assertThat(other.errors().getFirst().message()).isEqualTo("TVIEW tv_comment already exists");
            // Only the replaced TVIEW's own table and view are gone; its dependants stay.
            assertThat(replacing.relation(null, "tv_category")).isPresent();
            assertThat(replacing.relation(null, "tv_post")).isEmpty();
            assertThat(replacing.relation(null, "v_post")).isEmpty();
            assertThat(replacing.relation(null, "v_comment")).isPresent();
        }
    }
}
