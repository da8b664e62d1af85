package io.tviewstudio.core.api;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.DefinitionAnalyzer;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.deploy.ReplaceResult;
import io.tviewstudio.core.deploy.TviewCreator;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.Impact;
import io.tviewstudio.core.health.HealthCheck;
import io.tviewstudio.core.health.RowDifference;
import io.tviewstudio.core.health.Verification;
import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.install.RuntimeRemoval;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade's own verbs (those that delegate unchanged are covered by their library classes' tests and the CLI's). */
class TviewStudioTest {

    private TestDatabase db;

    @AfterEach
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private TviewStudio blog() throws SQLException {
        db = BlogSchema.withTviews();
        return TviewStudio.on(db.connection());
    }

    @Test
    void verifyFindsAStaleRowAndRepairFixesIt() throws SQLException {
        TviewStudio studio = blog();
        db.execute("UPDATE tv_post SET data = '{}' WHERE pk_post = 1");

        Verification found = studio.verify(null);
        Verification repaired = studio.verifyAndRepair("tv_post");

        assertThat(found.differences()).containsExactly(new RowDifference("public.tv_post", 1, "stale", false));
        assertThat(found.consistent()).isFalse();
        assertThat(repaired.differences()).containsExactly(new RowDifference("public.tv_post", 1, "stale", true));
        assertThat(repaired.remaining()).isEmpty();
        assertThat(studio.verify(null).consistent()).isTrue();
    }

    @Test
    void verifyOfAnUnknownTviewIsTheRuntimesTV003() throws SQLException {
        TviewStudio studio = blog();

        assertThatThrownBy(() -> studio.verify("tv_nothing")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(DatabaseError.of(e).tvCode()).isEqualTo("TV003"));
        assertThat(studio.errorName("TV003")).contains("tview_not_found");
    }

    @Test
    void healthNamesADisabledTrigger() throws SQLException {
        TviewStudio studio = blog();

        assertThat(studio.health()).isNotEmpty().allMatch(HealthCheck::ok);
        db.execute("ALTER TABLE tb_user DISABLE TRIGGER tview_00_post_upd");

        assertThat(studio.health()).filteredOn(check -> !check.ok())
                .extracting(HealthCheck::name, HealthCheck::status).containsExactly(org.assertj.core.groups.Tuple.tuple("refresh_triggers", "WARNING"));
    }

    @Test
    void dropIsOneTransaction() throws SQLException {
        TviewStudio studio = blog();

        assertThatThrownBy(() -> studio.drop(List.of("tv_comment", "tv_nothing"), false, false))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("TV003"));
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).as("tv_comment kept").isEqualTo(3L);

        List<String> messages = studio.drop(List.of("tv_comment", "tv_nothing"), true, false);

        assertThat(messages).isNotEmpty();
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY entity")).containsExactly("category", "post");
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void applyCreatesEveryDefinitionOrNone() throws SQLException {
        TviewStudio studio = blog();
        DefinitionSet definitions = DefinitionSet.ofScripts(List.of(new DefinitionSet.SourceFile("two.tview", """
                CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u;
                CREATE TVIEW tv_broken AS SELECT u.pk_user AS pk_broken, u.id, u.nope AS data FROM tb_user u;
                """)));
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> studio.apply(definitions.analyses(), progress::add)).isInstanceOf(SQLException.class);
        assertThat(progress).containsExactly("[1/2] tv_user", "[2/2] tv_broken");
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();

        List<TviewCreator.Created> created = studio.apply(definitions.analyses().subList(0, 1), progress::add);
        assertThat(created).extracting(TviewCreator.Created::tview).containsExactly("tv_user");
        assertThat(db.scalar("SELECT count(*) FROM tv_user")).isNotEqualTo(0L);
    }

    @Test
    void replaceKeepsTheDependantsAndItsDryRunChangesNothing() throws SQLException {
        TviewStudio studio = blog();
        String stored = studio.replacePlan("post").orElseThrow().replaced().definition();
        AnalysisResult edited = DefinitionAnalyzer.analyze("CREATE TVIEW tv_post AS " + stored.replace("p.title", "upper(p.title)"),
                studio.catalog().replacing(Set.of("post")));

        ReplaceResult rehearsed = studio.dryRunReplace(edited);
        assertThat(rehearsed.succeeded()).isTrue();
        assertThat(rehearsed.committed()).isFalse();
        assertThat(studio.replacePlan("post").orElseThrow().replaced().definition()).isEqualTo(stored);

        ReplaceResult replaced = studio.replace(edited);
        assertThat(replaced.committed()).isTrue();
        assertThat(replaced.recreated()).containsExactly("tv_category", "tv_comment");
        assertThat(studio.replacePlan("post").orElseThrow().replaced().definition()).contains("upper(p.title)");
        assertThat(studio.replacePlan("nope")).isEmpty();
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void theAppsReadsTviewsAndARowInspectorOnTheFacadesConnection() throws Exception {
        TviewStudio studio = blog();

        assertThat(studio.serverVersion()).isEqualTo(db.connection().getMetaData().getDatabaseProductVersion());
        assertThat(studio.tviews()).extracting(TviewInfo::table).containsExactly("tv_post", "tv_category", "tv_comment");
        assertThat(studio.rowInspector("tv_post").tview().entity()).isEqualTo("post");
    }

    @Test
    void impactNamesTheRelationAsTheGraphDoes() throws SQLException {
        TviewStudio studio = blog();
        DependencyGraph graph = studio.graph();

        assertThat(studio.impact(graph, "public.tb_user")).map(Impact::relation).contains("tb_user");
        assertThat(studio.impact(graph, "tb_user")).map(Impact::cascadeDepth).contains(2);
        assertThat(studio.impact(graph, "tb_nothing")).isEmpty();
        assertThat(studio.impact(graph, "not a \"name")).isEmpty();
    }

    @Test
    void graphWithUnsavedDefinitionsAddsThem() throws SQLException {
        TviewStudio studio = blog();
        DefinitionSet user = DefinitionSet.ofScripts(List.of(new DefinitionSet.SourceFile("user.tview",
                "CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u;")));

        assertThat(studio.graph(user).creationOrder()).contains("tv_user").containsAll(studio.graph().creationOrder());
    }

    @Test
    void statusAndUninstall() throws SQLException {
        TviewStudio studio = blog();

        DatabaseStatus status = studio.status();
        assertThat(status.runtimeCurrent()).isTrue();
        assertThat(status.tviews()).hasSize(3);

        RuntimeRemoval removal = studio.uninstallRuntime();
        assertThat(removal).isEqualTo(new RuntimeRemoval(TviewStudio.shippedRuntimeVersion(), 3));
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isNotEqualTo(0L);

        assertThat(studio.uninstallRuntime().removed()).isFalse();
        assertThat(studio.status().installedRuntime()).isNull();
        assertThat(studio.status().tviews()).isEmpty();
        assertThat(studio.errorName("TV003")).as("no runtime to ask").isEmpty();
    }

    @Test
    void cancelRunningStatementStopsTheStatementWithQueryCanceled() throws Exception {
        db = TestDatabase.withRuntime();
        TviewStudio studio = TviewStudio.on(db.connection());
        studio.cancelRunningStatement(); // nothing runs: nothing happens

        CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
            try (Statement statement = db.connection().createStatement()) {
                statement.execute("SELECT pg_sleep(60)");
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!sleeping.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            studio.cancelRunningStatement();
        }

        assertThatThrownBy(() -> sleeping.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        assertThat(studio.serverVersion()).isNotBlank();
    }
}
