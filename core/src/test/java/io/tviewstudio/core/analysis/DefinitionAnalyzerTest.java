package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.InMemoryCatalog;
import io.tviewstudio.core.analysis.schema.RelationKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The analysis without a database (offline) and with an in-memory catalog: positions, messages, lineage. */
class DefinitionAnalyzerTest {

    private static final InMemoryCatalog BLOG = InMemoryCatalog.builder()
            .table("tb_user", "pk_user integer primary key, id uuid not null, name text not null")
            .table("tb_post", "pk_post integer primary key, id uuid not null, fk_user integer not null, title text")
            .table("tb_comment", "pk_comment integer primary key, id uuid not null, fk_post integer not null, body text")
            .table("tb_tag", "code text primary key, label text")
            .relation("mv_user", RelationKind.MATERIALIZED_VIEW, "pk_user integer, id uuid, name text")
            .view("author_names", "pk_user integer, display_name text", "tb_user")
            .tview("tv_existing", "pk_existing integer primary key, id uuid, data jsonb")
            .build();

    private static AnalysisResult analyze(String source) {
        return DefinitionAnalyzer.analyze(source, BLOG);
    }

    private static Diagnostic only(AnalysisResult result) {
        assertThat(result.diagnostics()).hasSize(1);
        return result.diagnostics().getFirst();
    }

    @Test
    void validCreateTviewHasNoDiagnosticsAndExplainsItsLineage() {
        AnalysisResult result = analyze("""
                -- posts with their author
                CREATE TVIEW IF NOT EXISTS tv_post AS
                SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', a.display_name) AS data
                FROM tb_post p JOIN author_names a ON a.pk_user = p.fk_user;
                """);

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.columns()).containsExactly(new OutputColumn("pk_post", "integer"), new OutputColumn("id", "uuid"),
                new OutputColumn("fk_user", "integer"), new OutputColumn("data", "jsonb"));
        assertThat(result.sources()).containsExactly("tb_post", "tb_user");
        assertThat(result.lineageExplanation()).containsExactly(
                "a change in tb_post recomputes the tv_post row with the same pk_post (old and new value)",
                "a change in tb_user recomputes every tv_post row whose fk_user equals the changed row's pk_user");
        assertThat(result.createCall()).isEqualTo("""
                SELECT pg_tviews_create('tv_post', $$SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', a.display_name) AS data
                FROM tb_post p JOIN author_names a ON a.pk_user = p.fk_user$$)
                WHERE NOT EXISTS (SELECT 1 FROM pg_tview_meta WHERE entity = 'post');""");
    }

    @Test
    void invalidNameIsReportedAtTheName() {
        Diagnostic d = only(analyze("CREATE TVIEW\n  tv_Post AS SELECT p.pk_post, p.id, '{}'::jsonb AS data FROM tb_post p"));

        assertThat(d).isEqualTo(new Diagnostic(2, 3, Severity.ERROR, ErrorCode.TV001, "invalid TVIEW name 'tv_Post'", TviewName.HINT));
    }

    @Test
    void unknownColumnIsReportedAtItsLineAndColumn() {
        Diagnostic d = only(analyze("""
                CREATE TVIEW tv_user AS
                SELECT u.pk_user, u.id,
                       jsonb_build_object('name', u.nam) AS data
                FROM tb_user u"""));

        assertThat(d.code()).isEqualTo(ErrorCode.TV041);
        assertThat(d.line()).isEqualTo(3);
        assertThat(d.column()).isEqualTo(35);
        assertThat(d.message()).isEqualTo("TVIEW tv_user: column u.nam does not exist");
    }

    @Test
    void syntaxErrorIsReportedWhereTheParserStopped() {
        Diagnostic d = only(analyze("CREATE TVIEW tv_user AS\nSELECT u.pk_user, u.id FROM tb_user u WHERE"));

        assertThat(d.code()).isEqualTo(ErrorCode.TV010);
        assertThat(d.message()).isEqualTo("TVIEW tv_user: invalid definition: syntax error at end of input");
        assertThat(d.line()).isEqualTo(2);
    }

    @Test
    void secondStatementIsRefusedAtItsStart() {
        Diagnostic d = only(analyze("CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, '{}'::jsonb AS data FROM tb_user u;\n  DROP TABLE tb_user"));

        assertThat(d).extracting(Diagnostic::code, Diagnostic::line, Diagnostic::column, Diagnostic::message)
                .containsExactly(ErrorCode.TV010, 2, 3, "TVIEW definition must be a single SELECT statement");
    }

    @Test
    void textThatIsNotCreateTviewIsRefused() {
        Diagnostic d = only(DefinitionAnalyzer.analyze("SELECT 1", CatalogSnapshot.offline()));

        assertThat(d.code()).isEqualTo(ErrorCode.TV010);
        assertThat(d.message()).isEqualTo("expected CREATE TVIEW [IF NOT EXISTS] tv_<entity> AS SELECT ...");
    }

    @Test
    void catalogFindingsCarryTheRuntimesCodes() {
        assertThat(only(analyze("CREATE TVIEW tv_existing AS SELECT u.pk_user AS pk_existing, u.pk_user AS fk_user, u.id, "
                + "'{}'::jsonb AS data FROM tb_user u")).code()).isEqualTo(ErrorCode.TV002);
        assertThat(only(analyze("CREATE TVIEW tv_user AS SELECT m.pk_user, m.id, to_jsonb(m.name) AS data FROM mv_user m")).message())
                .isEqualTo("TVIEW tv_user reads mv_user, which cannot carry refresh triggers (materialized view)");
        assertThat(only(analyze("CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, "
                + "jsonb_build_object('n', (SELECT count(*) FROM tb_tag)) AS data FROM tb_user u")).message())
                .isEqualTo("TVIEW tv_user: cannot derive lineage for source tb_tag");
        assertThat(only(analyze("CREATE TVIEW tv_post AS SELECT p.pk_post, p.id, to_jsonb(c.body) AS data "
                + "FROM tb_post p JOIN tb_comment c ON c.fk_post = p.pk_post")).code()).isEqualTo(ErrorCode.TV013);
        assertThat(only(analyze("CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, u.name AS data FROM tb_user u")).message())
                .isEqualTo("TVIEW tv_user: column data has type text, expected jsonb");
        assertThat(only(analyze("CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, '{}'::jsonb AS data FROM tb_users u")).message())
                .isEqualTo("TVIEW tv_user: relation \"tb_users\" does not exist");
    }

    @Test
    void offlineAnalysisChecksWhatNeedsNoDatabase() {
        AnalysisResult result = DefinitionAnalyzer.analyze("tv_user", """
                SELECT u.pk_user, u.id, jsonb_build_object('r', random(), 'n', rank() OVER (ORDER BY u.name)) AS data
                FROM tb_user u LIMIT 3""", CatalogSnapshot.offline());

        assertThat(result.diagnostics()).extracting(Diagnostic::code)
                .containsExactlyInAnyOrder(ErrorCode.TV021, ErrorCode.TV020, ErrorCode.TV020);
        assertThat(result.firstRuntimeError().orElseThrow().code()).isEqualTo(ErrorCode.TV020);
        assertThat(result.lineage()).extracting(LineageRule::rule).containsExactly("root");
    }

    @Test
    void offlineSourceWithoutVisibleKeysIsOnlyAWarning() {
        AnalysisResult result = DefinitionAnalyzer.analyze("tv_user",
                "SELECT u.pk_user, u.id, jsonb_build_object('n', (SELECT count(*) FROM settings)) AS data FROM tb_user u",
                CatalogSnapshot.offline());

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.diagnostics()).extracting(Diagnostic::severity, Diagnostic::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.WARNING, ErrorCode.TV022));
    }

    @Test
    void scriptPositionsAreThoseOfTheWholeScript() {
        List<AnalysisResult> results = DefinitionAnalyzer.analyzeScript("""
                CREATE TVIEW tv_tag AS SELECT t.pk_tag, t.id, to_jsonb(t.label) AS data FROM tb_tag t;

                CREATE TVIEW tv_user AS
                SELECT u.pk_user, u.id FROM tb_user u;
                """, CatalogSnapshot.offline());

        assertThat(results).hasSize(2);
        assertThat(results.get(0).diagnostics()).isEmpty();
        assertThat(only(results.get(1))).extracting(Diagnostic::code, Diagnostic::line, Diagnostic::message)
                .containsExactly(ErrorCode.TV011, 4, "TVIEW tv_user: the definition has no column data");
    }

    @Test
    void translationPicksADollarQuoteTheSelectDoesNotContain() {
        assertThat(CreateTviewTranslator.translate("create tview app.tv_x as select 1 as pk_x, $$a$$ as s;"))
                .isEqualTo("SELECT pg_tviews_create('app.tv_x', $tv$select 1 as pk_x, $$a$$ as s$tv$);");
        assertThat(CreateTviewTranslator.translate("SELECT 1")).isNull();
    }

    @Test
    void scriptSplitsAtTopLevelSemicolonsOnlyAndKeepsIfNotExists() {
        List<AnalysisResult> results = DefinitionAnalyzer.analyzeScript("""
                CREATE TVIEW IF NOT EXISTS app.tv_a AS SELECT 1 AS pk_a, ';' AS x;
                /* a; comment /* nested; */ still; a comment */
                CREATE TVIEW tv_b AS SELECT $q$;$q$ AS y, "odd;name" FROM t -- trailing; comment
                """, CatalogSnapshot.offline());

        assertThat(results).extracting(AnalysisResult::tviewName, AnalysisResult::select, AnalysisResult::ifNotExists,
                        AnalysisResult::line, AnalysisResult::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("app.tv_a", "SELECT 1 AS pk_a, ';' AS x", true, 1, 28),
                        org.assertj.core.groups.Tuple.tuple("tv_b", "SELECT $q$;$q$ AS y, \"odd;name\" FROM t -- trailing; comment",
                                false, 3, 14));
        assertThat(results.get(0).createCall()).isEqualTo("SELECT pg_tviews_create('app.tv_a', $$SELECT 1 AS pk_a, ';' AS x$$)\n"
                + "WHERE NOT EXISTS (SELECT 1 FROM pg_tview_meta WHERE entity = 'a');");
    }
}
