package io.tviewstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check, plan, apply, graph and impact against the real embedded server: output, exact exit codes
 * and messages, and that nothing changed where nothing may change.
 */
class DefinitionCommandsTest extends CliTestSupport {

    /** The blog TVIEWs as CREATE TVIEW statements, written in an order they cannot be created in. */
    static final String BLOG = """
            -- comments read posts, which are defined last
            CREATE TVIEW tv_comment AS
            SELECT cm.pk_comment, cm.id, cm.fk_post, cm.fk_user,
                   jsonb_build_object('body', cm.body, 'by', u.name, 'post', tp.data) AS data
            FROM tb_comment cm
            JOIN tv_post tp ON tp.pk_post = cm.fk_post
            JOIN tb_user u ON u.pk_user = cm.fk_user;

            CREATE TVIEW tv_post AS
            SELECT p.pk_post, p.id, p.fk_user, p.fk_category,
                   jsonb_build_object('title', p.title, 'author', u.name) AS data
            FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user;
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path blog() throws Exception {
        return file("blog.tview", BLOG);
    }

    private TestDatabase blogDatabase() throws Exception {
        TestDatabase database = TestDatabase.withRuntime();
        database.execute(Resources.text("schemas/blog.sql"));
        return database;
    }

    @Test
    void checkIsOfflineByDefaultAndPrintsFileLineColumnAndCode() throws Exception {
        Path good = blog();
        Path bad = file("bad.tview", """
                CREATE TVIEW tv_user AS
                SELECT u.pk_user, u.id, jsonb_build_object('n', random()) AS data
                FROM tb_user u;
                CREATE TVIEW tv_Tag AS SELECT 1 AS pk_tag;
                """);

        // No server is configured (port 1): offline analysis must not connect.
        CliRun run = CliRun.run(Map.of("PGPORT", "1"), home, "check", good.toString(), bad.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(bad + ":2:49: error TV021: TVIEW tv_user calls volatile function(s): random (hint: "
                + "A row recomputed later must equal the row computed now. Store the value in a base table column (e.g. a "
                + "default) and read it, or use a stable/immutable function.)\n"
                + bad + ":4:14: error TV001: invalid TVIEW name 'tv_Tag' (hint: " + "A TVIEW is named tv_<entity> with a lower-case entity of letters, digits and underscores, e.g. tv_blog_post." + ")\n"
                + "2 file(s), 4 definition(s): 2 error(s), 0 warning(s) (offline)\n");

        CliRun clean = CliRun.run(Map.of("PGPORT", "1"), home, "check", good.toString(), "--json");
        assertThat(clean.exit()).as(clean.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = JSON.readTree(clean.out());
        assertThat(json.get("errors").asLong()).isZero();
        assertThat(json.get("definitions")).extracting(d -> d.get("tview").asText() + "@" + d.get("line").asInt())
                .containsExactly("tv_comment@2", "tv_post@9");
    }

    @Test
    void checkWithCatalogFindsUnknownColumnsAndReadsTviewsDefinedInTheSameFile() throws Exception {
        db = blogDatabase();
        Path typo = file("typo.tview", BLOG.replace("u.name) AS data\nFROM tb_post", "u.nam) AS data\nFROM tb_post"));

        CliRun offline = tviews("check", typo.toString());
        CliRun live = tviews("check", "--catalog", typo.toString(), "--json");
        CliRun good = tviews("check", "--catalog", blog().toString());

        assertThat(offline.exit()).as(offline.toString()).isEqualTo(ExitCode.OK);
        assertThat(live.exit()).as(live.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        JsonNode diagnostics = JSON.readTree(live.out()).get("diagnostics");
        assertThat(diagnostics).hasSize(1);
        assertThat(diagnostics.get(0).get("code").asText()).isEqualTo("TV041");
        assertThat(diagnostics.get(0).get("line").asInt()).isEqualTo(11);
        assertThat(diagnostics.get(0).get("column").asInt()).isEqualTo(55);
        assertThat(diagnostics.get(0).get("message").asText()).isEqualTo("TVIEW tv_post: column u.nam does not exist");
        assertThat(good.exit()).as(good.toString()).isEqualTo(ExitCode.OK);
        assertThat(good.out()).isEqualTo("1 file(s), 2 definition(s): 0 error(s), 0 warning(s)\n");
    }

    @Test
    void checkReportsACycleAmongTheFilesDefinitionsAsTV030() throws Exception {
        Path cycle = file("cycle.tview", """
                CREATE TVIEW tv_a AS SELECT b.pk_b AS pk_a, b.id, b.data FROM tv_b b;
                CREATE TVIEW tv_b AS SELECT a.pk_a AS pk_b, a.id, a.data FROM tv_a a;
                """);

        CliRun run = CliRun.run(Map.of("PGPORT", "1"), home, "check", cycle.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(run.out()).contains(cycle + ":1:14: error TV030: dependency cycle: tv_a -> tv_b -> tv_a (hint: "
                + "A TVIEW cannot read itself, directly or through other TVIEWs: remove one of the reads.)\n");
    }

    @Test
    void checkOfAMissingFileIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), home, "check", home.resolve("none.tview").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("error [file_not_found]: cannot read " + home.resolve("none.tview") + ": no such file\n");
    }

    @Test
    void planShowsEveryGeneratedObjectAndChangesNothing() throws Exception {
        db = blogDatabase();
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        CliRun plan = tviews("plan", "-f", blog().toString());

        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCode.OK);
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        String out = plan.out();
        // tv_post first (tv_comment reads it), though the file defines it last.
        assertThat(out.indexOf("-- TVIEW tv_post created")).isLessThan(out.indexOf("-- TVIEW tv_comment created"));
        assertThat(out).contains("-- creates view v_post\nCREATE VIEW v_post AS");
        assertThat(out).containsPattern("-- creates table tv_post\nCREATE TABLE tv_post \\(\n    pk_post integer NOT NULL,");
        assertThat(out).containsPattern("-- creates index \\S+\nCREATE UNIQUE INDEX \\S+ ON public.tv_post USING btree \\(pk_post\\);");
        assertThat(out).containsPattern("-- creates function [^\n]+\nCREATE OR REPLACE FUNCTION public\\.");
        assertThat(out).containsPattern("-- creates trigger \\S+ on tb_user\nCREATE TRIGGER ");
        assertThat(out).contains("-- lineage: a change in tb_user recomputes every tv_post row whose fk_user equals the "
                + "changed row's pk_user\n");
        assertThat(out).endsWith("-- rolled back: nothing was changed\n");

        JsonNode json = JSON.readTree(tviews("plan", "-f", blog().toString(), "--json").out());
        assertThat(json.get("tviews")).extracting(t -> t.get("tview").asText()).containsExactly("tv_post", "tv_comment");
        assertThat(json.get("tviews").get(0).get("objects")).extracting(o -> o.get("kind").asText())
                .contains("view", "table", "index", "function", "trigger");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void planOfADefinitionTheRuntimeRefusesExits4AndChangesNothing() throws Exception {
        db = blogDatabase();
        Path bad = file("bad.tview", "CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, u.name AS data FROM tb_user u");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        CliRun plan = tviews("plan", "-f", bad.toString());

        assertThat(plan.exit()).as(plan.toString()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(plan.out()).isEmpty();
        assertThat(plan.err().lines().findFirst().orElseThrow())
                .isEqualTo("error [TV012 wrong_column_type]: TVIEW tv_user: column data has type text, expected jsonb");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void applyCreatesInDependencyOrderWithProgress() throws Exception {
        db = blogDatabase();

        CliRun apply = tviews("apply", "-f", blog().toString());

        assertThat(apply.exit()).as(apply.toString()).isEqualTo(ExitCode.OK);
        assertThat(apply.err()).isEqualTo("[1/2] tv_post\n[2/2] tv_comment\n");
        assertThat(apply.out()).matches("TVIEW tv_post created: 4 rows, 2 source relation\\(s\\)\\R"
                + "TVIEW tv_comment created: 3 rows, 3 source relation\\(s\\)\\R");
        assertThat(db.column("SELECT entity FROM pg_tview_meta ORDER BY depth, entity")).containsExactly("post", "comment");

        CliRun again = tviews("apply", "-f", blog().toString());
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(again.err()).startsWith(home.resolve("blog.tview") + ":2:14: error TV002: TVIEW tv_comment already exists");
    }

    /** Definitions that read each other's v_ views, in the original extension's style, are ordered by those reads (issue #19). */
    @Test
    void checkAndApplyOrderDefinitionsThatReadEachOthersViews() throws Exception {
        db = blogDatabase();
        Path chain = file("chain.tview", """
                CREATE TVIEW tv_comment AS SELECT c.pk_comment, c.id, c.fk_post,
                       jsonb_build_object('body', c.body, 'post', vp.data) AS data
                FROM tb_comment c JOIN v_post vp ON vp.pk_post = c.fk_post;
                CREATE TVIEW tv_post AS SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', vu.data) AS data
                FROM tb_post p JOIN v_user vu ON vu.pk_user = p.fk_user;
                CREATE TVIEW tv_user AS SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u;
                """);

        CliRun check = tviews("check", "--catalog", chain.toString());
        CliRun apply = tviews("apply", "-f", chain.toString());

        assertThat(check.exit()).as(check.toString()).isEqualTo(ExitCode.OK);
        assertThat(apply.exit()).as(apply.toString()).isEqualTo(ExitCode.OK);
        assertThat(apply.err()).isEqualTo("[1/3] tv_user\n[2/3] tv_post\n[3/3] tv_comment\n");
        assertThat(db.column("SELECT entity || ' ' || depth FROM pg_tview_meta ORDER BY depth")).containsExactly("user 0", "post 1", "comment 2");

        Path cycle = file("view-cycle.tview", """
                CREATE TVIEW tv_a AS SELECT b.pk_b AS pk_a, b.id, b.data FROM v_b b;
                CREATE TVIEW tv_b AS SELECT a.pk_a AS pk_b, a.id, a.data FROM v_a a;
                """);
        CliRun offline = CliRun.run(Map.of("PGPORT", "1"), home, "check", cycle.toString());
        assertThat(offline.exit()).as(offline.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(offline.out()).contains(cycle + ":1:14: error TV030: dependency cycle: tv_a -> tv_b -> tv_a");
    }

    @Test
    void applyRefusesACycleWithTV030AndConnectsNot() throws Exception {
        Path cycle = file("cycle.tview", """
                CREATE TVIEW tv_a AS SELECT b.pk_b AS pk_a, b.id, b.data FROM tv_b b;
                CREATE TVIEW tv_b AS SELECT a.pk_a AS pk_b, a.id, a.data FROM tv_a a;
                """);

        CliRun run = CliRun.run(Map.of("PGPORT", "1"), home, "apply", "-f", cycle.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(run.err()).isEqualTo("error [TV030 dependency_cycle]: " + cycle + ": dependency cycle: tv_a -> tv_b -> tv_a; "
                + "nothing was done\nhint: A TVIEW cannot read itself, directly or through other TVIEWs: remove one of the reads.\n");
    }

    @Test
    void graphOfTheDatabasePlusUnsavedDefinitionsAsDotAndJson() throws Exception {
        db = BlogSchema.withTviews();
        Path user = file("user.tview", """
                CREATE TVIEW tv_profile AS
                SELECT c.pk_comment AS pk_profile, c.id, c.fk_post, c.data FROM tv_comment c;""");

        CliRun dot = tviews("graph");
        CliRun json = tviews("graph", "-f", user.toString(), "--format", "json");

        assertThat(dot.exit()).as(dot.toString()).isEqualTo(ExitCode.OK);
        assertThat(dot.out()).startsWith("digraph tviews {\n  rankdir=LR;\n");
        assertThat(dot.out()).contains("  \"tb_user\" -> \"tv_post\" [label=\"parent: pk_user -> fk_user\"];\n");
        assertThat(json.exit()).as(json.toString()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(json.out()).get("creationOrder")).extracting(JsonNode::asText)
                .containsExactly("tv_post", "tv_category", "tv_comment", "tv_profile");
    }

    @Test
    void graphReportsACycleWithExitCode1AndTV030() throws Exception {
        Path cycle = file("cycle.tview", """
                CREATE TVIEW tv_a AS SELECT b.pk_b AS pk_a, b.id, b.data FROM tv_b b;
                CREATE TVIEW tv_b AS SELECT a.pk_a AS pk_b, a.id, a.data FROM tv_a a;
                """);

        CliRun run = CliRun.run(Map.of("PGPORT", "1"), home, "graph", "--offline", "-f", cycle.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.PROBLEMS_FOUND);
        assertThat(run.out()).contains("\"tv_a\" -> \"tv_b\" [label=\"\", color=red];\n");
        assertThat(run.err()).isEqualTo("error [TV030 dependency_cycle]: dependency cycle: tv_a -> tv_b -> tv_a\n");
    }

    @Test
    void impactListsEveryTviewRowPathAndCascadeDepth() throws Exception {
        db = BlogSchema.withTviews();

        CliRun impact = tviews("impact", "public.tb_user");
        CliRun none = tviews("impact", "tb_category");
        CliRun unknown = tviews("impact", "tb_nope");

        assertThat(impact.exit()).as(impact.toString()).isEqualTo(ExitCode.OK);
        assertThat(impact.out()).isEqualTo("""
                a change in tb_user refreshes 3 TVIEW(s), cascade depth 2:
                  tv_comment (distance 1)
                    tb_user.pk_user -> tv_comment.fk_user
                    tb_user.pk_user -> tv_post.fk_user => tv_post.pk_post -> tv_comment.fk_post
                  tv_post (distance 1)
                    tb_user.pk_user -> tv_post.fk_user
                  tv_category (distance 2)
                    tb_user.pk_user -> tv_post.fk_user => tv_post.fk_category -> tv_category.pk_category
                """);
        assertThat(none.exit()).as(none.toString()).isEqualTo(ExitCode.OK);
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).isEqualTo("error [TV040 unknown_relation]: relation \"tb_nope\" does not exist in database \""
                + db.name() + "\"\nhint: Name a table as psql's \\dt lists it, schema-qualified when it is not on the search_path.\n");
    }

    @Test
    void installRuntimeDryRunReportsWhatWouldChangeAndChangesNothing() throws Exception {
        db = TestDatabase.empty();
        java.util.List<String> before = emptySnapshot();

        CliRun dryRun = tviews("install-runtime", "--dry-run");

        assertThat(dryRun.exit()).as(dryRun.toString()).isEqualTo(ExitCode.OK);
        assertThat(dryRun.out()).startsWith("installed: none\nshipped:   0.1.0\naction:    install\n"
                + "rights:    ok (the role has every right the install needs)\ncreate (");
        assertThat(dryRun.out()).contains("  table pg_tview_meta\n", "  function pg_tviews_create(text,text)\n");
        assertThat(dryRun.out()).endsWith("dry run: nothing was changed\n");
        assertThat(db.scalar("SELECT to_regclass('pg_tviews_runtime')")).isNull();
        assertThat(emptySnapshot()).isEqualTo(before);

        db.close();
        db = BlogSchema.withTviews();
        CliRun same = tviews("upgrade-runtime", "--dry-run", "--json");
        assertThat(same.exit()).as(same.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = JSON.readTree(same.out());
        assertThat(json.get("installedVersion").asText()).isEqualTo("0.1.0");
        assertThat(json.get("action").asText()).isEqualTo("re-install");
        assertThat(json.get("create")).isEmpty();
        assertThat(json.get("drop")).isEmpty();
    }

    private java.util.List<String> emptySnapshot() throws Exception {
        return db.column("SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' UNION ALL SELECT p.oid::regprocedure::text FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1");
    }

    @Test
    void upgradeRuntimeWithoutARuntimeExits5() throws Exception {
        db = TestDatabase.empty();

        CliRun run = tviews("upgrade-runtime");

        assertThat(run.exit()).isEqualTo(ExitCode.RUNTIME_MISSING);
        assertThat(run.err()).isEqualTo("error [runtime_not_installed]: the TVIEW runtime is not installed in database \""
                + db.name() + "\"; nothing to upgrade\nhint: Install it with: tviews install-runtime\n");
        assertThat(db.scalar("SELECT to_regclass('pg_tviews_runtime')")).isNull();
    }
}
