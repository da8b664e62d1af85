package io.tviewstudio.core.deploy;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.catalog.LiveCatalog;
import io.tviewstudio.core.deploy.ReplaceResult.Action;
import io.tviewstudio.core.deploy.ReplaceResult.Role;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Replacing tv_post of the blog, whose dependants tv_category and tv_comment read it, against real PostgreSQL. */
class TviewReplacerTest {

    /** tv_post with upper-case titles: every column its dependants read stays. */
    static final String UPPER_TITLES = """
            CREATE TVIEW tv_post AS
            SELECT p.pk_post, p.id, p.fk_user, p.fk_category, u.id AS user_id,
                   jsonb_build_object('id', p.id, 'title', upper(p.title),
                                      'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
            FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
            WHERE p.published""";

    /** tv_post without fk_category, which tv_category reads. */
    static final String WITHOUT_CATEGORY = """
            CREATE TVIEW tv_post AS
            SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title) AS data
            FROM tb_post p""";

    @Test
    void replacingRecreatesTheDependantsFromTheirStoredDefinitionsWithTheirRowsModesAndGrants() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            db.execute("SELECT pg_tviews_set_refresh_mode('tv_comment', 'deferred')");
            db.execute("DROP ROLE IF EXISTS replace_reader; CREATE ROLE replace_reader");
            db.execute("GRANT SELECT ON tv_post, tv_category TO replace_reader");
            String categoryDefinition = (String) db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'category'");

            ReplaceResult result = TviewReplacer.replace(db.connection(), replacement(db, UPPER_TITLES));

            assertThat(result.failure()).isNull();
            assertThat(result.committed()).isTrue();
            assertThat(result.steps()).extracting(ReplaceResult.Step::action, ReplaceResult.Step::tview).containsExactly(
                    tuple(Action.DROP, "tv_post"), tuple(Action.CREATE, "tv_post"), tuple(Action.RECREATE, "tv_category"),
                    tuple(Action.RECREATE, "tv_comment"), tuple(Action.REFRESH_MODE, "tv_comment"), tuple(Action.GRANT, "tv_post"));
            assertThat(result.steps().getFirst().message().lines())
                    .containsExactlyInAnyOrder("TVIEW public.tv_comment dropped", "TVIEW public.tv_category dropped", "TVIEW public.tv_post dropped");
            assertThat(result.createMessage()).isEqualTo("TVIEW tv_post created: 3 rows, 2 source relation(s)");
            assertThat(result.recreated()).containsExactly("tv_category", "tv_comment");

            assertThat(db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'")).asString().contains("upper(p.title)");
            assertThat(db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'category'")).isEqualTo(categoryDefinition);
            assertThat(db.column("SELECT entity || ' ' || refresh_mode FROM pg_tview_meta ORDER BY entity"))
                    .containsExactly("category immediate", "comment deferred", "post immediate");
            assertThat(db.column("SELECT data->'posts'->0->>'title' FROM tv_category ORDER BY pk_category"))
                    .containsExactly("TVIEWS EXPLAINED", "JAVAFX TIPS", null);
            assertThat(db.scalar("SELECT has_table_privilege('replace_reader', 'tv_post', 'SELECT') "
                    + "AND has_table_privilege('replace_reader', 'tv_category', 'SELECT')")).isEqualTo(true);

            // The re-created TVIEWs are maintained: a write reaches them through the new tv_post.
            db.execute("UPDATE tb_post SET title = 'Lineage by foreign keys' WHERE pk_post = 2");
            assertThat(db.scalar("SELECT data->'posts'->1->>'title' FROM tv_category WHERE pk_category = 1"))
                    .isEqualTo("LINEAGE BY FOREIGN KEYS");
            TviewAssertions.assertConsistent(db);
        }
    }

    @Test
    void aDependantThatCannotBeCreatedAgainRollsEverythingBackAndIsNamedWithTheServersError() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            DatabaseSnapshot before = DatabaseSnapshot.of(db);
            String postDefinition = (String) db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'");

            ReplaceResult result = TviewReplacer.replace(db.connection(), replacement(db, WITHOUT_CATEGORY));

            assertThat(result.committed()).isFalse();
            ReplaceResult.Failure failure = result.failure();
            assertThat(failure.tview()).isEqualTo("tv_category");
            assertThat(failure.role()).isEqualTo(Role.DEPENDANT);
            assertThat(failure.sqlState()).isEqualTo("TV041");
            assertThat(failure.message()).isEqualTo("TVIEW tv_category: column tp.fk_category does not exist");
            assertThat(failure.hint()).isEqualTo("Check the column name against the table definition (\\d table in psql).");
            assertThat(failure.describe()).isEqualTo("TV041: tv_category, which reads tv_post, cannot be created again: "
                    + "TVIEW tv_category: column tp.fk_category does not exist");
            assertThat(result.steps()).extracting(ReplaceResult.Step::action).containsExactly(Action.DROP, Action.CREATE);

            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
            assertThat(db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'")).isEqualTo(postDefinition);
            assertThat(db.connection().getAutoCommit()).isTrue();
            TviewAssertions.assertConsistent(db);
        }
    }

    @Test
    void aNewDefinitionTheRuntimeRefusesIsTheReplacedTviewsFailure() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            DatabaseSnapshot before = DatabaseSnapshot.of(db);
            // Analysed offline, so that the runtime is the one to find the unknown table.
            AnalysisResult unknownTable = DefinitionAnalyzer.analyze(
                    "CREATE TVIEW tv_post AS SELECT n.pk_post, n.id, n.data FROM tb_nope n", CatalogSnapshot.offline());

            ReplaceResult result = TviewReplacer.replace(db.connection(), unknownTable);

            assertThat(result.failure().role()).isEqualTo(Role.REPLACED);
            assertThat(result.failure().describe()).isEqualTo("TV040: TVIEW tv_post: relation \"tb_nope\" does not exist");
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        }
    }

    @Test
    void aViewOfTheUsersOwnOverTheTviewMakesTheDropFailWithPostgresqlsMessageAndNothingChanges() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            db.execute("CREATE VIEW post_titles AS SELECT pk_post, data->>'title' AS title FROM tv_post");
            DatabaseSnapshot before = DatabaseSnapshot.of(db);

            ReplaceResult result = TviewReplacer.replace(db.connection(), replacement(db, UPPER_TITLES));

            assertThat(result.failure().role()).isEqualTo(Role.REPLACED);
            assertThat(result.failure().tview()).isEqualTo("tv_post");
            assertThat(result.failure().describe())
                    .isEqualTo("2BP01: cannot drop table tv_post because other objects depend on it "
                            + "(view post_titles depends on table tv_post)");
            assertThat(result.steps()).isEmpty();
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        }
    }

    @Test
    void readingADependantIsRefusedAsACycleBeforeAnythingRuns() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            DatabaseSnapshot before = DatabaseSnapshot.of(db);
            AnalysisResult readsComments = replacement(db, """
                    CREATE TVIEW tv_post AS
                    SELECT p.pk_post, p.id, p.fk_category,
                           jsonb_build_object('comments', (SELECT count(*) FROM tv_comment c WHERE c.fk_post = p.pk_post)) AS data
                    FROM tb_post p""");

            ReplaceResult result = TviewReplacer.replace(db.connection(), readsComments);

            assertThat(result.steps()).isEmpty();
            assertThat(result.failure().describe())
                    .isEqualTo("TV030: dependency cycle: tv_post would read tv_comment, which reads tv_post");
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        }
    }

    @Test
    void aDryRunDoesEveryStepAndLeavesTheDatabaseAsItWas() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            DatabaseSnapshot before = DatabaseSnapshot.of(db);

            ReplaceResult result = TviewReplacer.dryRun(db.connection(), replacement(db, UPPER_TITLES));

            assertThat(result.succeeded()).isTrue();
            assertThat(result.committed()).isFalse();
            assertThat(result.recreated()).containsExactly("tv_category", "tv_comment");
            assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        }
    }

    @Test
    void aTviewThatIsNotInstalledHasNothingToReplace() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            AnalysisResult user = DefinitionAnalyzer.analyze(
                    "CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, to_jsonb(u.name) AS data FROM tb_user u", CatalogSnapshot.offline());

            ReplaceResult result = TviewReplacer.replace(db.connection(), user);

            assertThat(result.failure().describe()).isEqualTo("TV003: TVIEW tv_user does not exist: there is nothing to replace");
            assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
        }
    }

    @Test
    void thePlanListsTheInstalledDefinitionAndEveryTviewThatReadsItInCreationOrder() throws Exception {
        try (TestDatabase db = BlogSchema.withTviews()) {
            ReplacePlan plan = ReplacePlan.read(db.connection(), "post").orElseThrow();

            assertThat(plan.replaced().tview()).isEqualTo("tv_post");
            assertThat(plan.replaced().view()).isEqualTo("v_post");
            assertThat(plan.dependantNames()).containsExactly("tv_category", "tv_comment");
            assertThat(plan.diff(plan.replaced().definition()).unchanged()).isTrue();
            assertThat(ReplacePlan.read(db.connection(), "comment").orElseThrow().dependants()).isEmpty();
            assertThat(ReplacePlan.read(db.connection(), "nope")).isEmpty();
        }
    }

    private static AnalysisResult replacement(TestDatabase db, String text) {
        AnalysisResult analysis = DefinitionAnalyzer.analyze(text, new LiveCatalog(db.connection()).replacing(Set.of("post")));
        assertThat(analysis.errors()).as("errors of %s", text).isEmpty();
        return analysis;
    }
}
