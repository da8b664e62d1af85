package io.tviewstudio.core.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.ServerErrorMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.tviewstudio.core.testing.SqlFailures.assertFails;
import static io.tviewstudio.core.testing.SqlFailures.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error pg_tviews_create and pg_tviews_drop raise: exact SQLSTATE and message, a hint, and
 * nothing created or changed. Definition errors come from corpus/invalid-definitions.json, which the
 * Java analyser is checked against as well: each case runs on a fresh database holding the runtime
 * and schemas/blog.sql, after its optional "setup" SQL (run as superuser).
 */
class CreateErrorsTest {

    static final String CORPUS = "corpus/invalid-definitions.json";

    record InvalidDefinition(String name, String tview, String sql, String setup, String code, String message) {
    }

    private static final String USER_DEFINITION =
            "SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u";

    private TestDatabase db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        db.close();
    }

    static List<InvalidDefinition> corpus() {
        try {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                    .readValue(Resources.text(CORPUS), new TypeReference<List<InvalidDefinition>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Named<InvalidDefinition>> corpusCases() {
        return corpus().stream().map(c -> Named.of(c.code() + " " + c.name(), c));
    }

    private static void create(Connection connection, String tview, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_tviews_create(?, ?)")) {
            statement.setString(1, tview);
            statement.setString(2, sql);
            statement.execute();
        }
    }

    private void create(String tview, String sql) throws SQLException {
        create(db.connection(), tview, sql);
    }

    private void drop(String tview) throws SQLException {
        try (PreparedStatement statement = db.connection().prepareStatement("SELECT pg_tviews_drop(?)")) {
            statement.setString(1, tview);
            statement.execute();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCases")
    void invalidDefinitionFailsWithItsCodeAndLeavesNothingBehind(InvalidDefinition definition) throws SQLException {
        if (definition.setup() != null) {
            db.execute(definition.setup());
        }
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        assertFails(() -> create(definition.tview(), definition.sql()), definition.code(), definition.message());

        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT to_regclass('public.tb_user') IS NOT NULL")).isEqualTo(true);
        if (definition.setup() == null) {
            assertThat(db.column("SELECT relname FROM pg_class WHERE relname ~ '^t?v_'")).isEmpty();
            assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
            assertThat(db.scalar("SELECT count(*) FROM pg_tview_source")).isEqualTo(0L);
            assertThat(db.scalar("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'tview%'")).isEqualTo(0L);
        }
    }

    @Test
    void corpusCasesHaveUniqueNamesAndOnlyRuntimeCodes() throws SQLException {
        List<InvalidDefinition> corpus = corpus();
        Set<String> runtimeCodes = new TreeSet<>(db.column("SELECT code FROM pg_tviews_error_codes()"));

        assertThat(corpus).extracting(InvalidDefinition::name).doesNotHaveDuplicates();
        assertThat(corpus).allSatisfy(c -> {
            assertThat(c.name()).isNotBlank();
            assertThat(c.tview()).isNotNull();
            assertThat(c.sql()).isNotNull();
            assertThat(c.message()).isNotBlank();
            assertThat(runtimeCodes).contains(c.code());
        });
    }

    /** A new error code without a corpus case or a test marked {@link Raises} fails the build. */
    @Test
    void everyRuntimeErrorCodeIsTested() throws SQLException {
        Set<String> tested = corpus().stream().map(InvalidDefinition::code).collect(Collectors.toCollection(TreeSet::new));
        for (Class<?> testClass : List.of(CreateErrorsTest.class, TransactionSemanticsTest.class, MetricsRuntimeTest.class,
                CompatApiTest.class, SchemaAccessTest.class, AttackerRolesTest.class)) {
            for (Method method : testClass.getDeclaredMethods()) {
                Raises raises = method.getAnnotation(Raises.class);
                if (raises != null) {
                    tested.addAll(Arrays.asList(raises.value()));
                }
            }
        }

        assertThat(tested).containsAll(db.column("SELECT code FROM pg_tviews_error_codes() ORDER BY code"));
    }

    @Test
    @Raises("TV010")
    void secondStatementOfADefinitionIsNeverExecuted() throws SQLException {
        for (String tail : List.of("; DROP TABLE tb_user", ";DROP TABLE tb_user;", "; /* x */ DROP TABLE tb_user CASCADE",
                ";\n-- comment\nTRUNCATE tb_user CASCADE", "; SELECT 1")) {
            ServerErrorMessage error = assertFails(() -> create("tv_user", USER_DEFINITION + tail), "TV010",
                    "TVIEW definition must be a single SELECT statement");
            assertThat(error.getDetail()).isEqualTo("PostgreSQL parses the text as more than one statement");
        }

        assertThat(db.scalar("SELECT count(*) FROM tb_user")).isEqualTo(3L);
        assertThat(db.scalar("SELECT count(*) FROM tb_post")).isEqualTo(4L);
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
    }

    @Test
    void semicolonsInsideLiteralsCommentsAndDollarQuotesAreNotStatementEnds() throws SQLException {
        create("tv_user", "SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 's', ';', 'd', $x$;$x$, "
                + "'q', \"u\".\"name\" || ';') /* ; */ AS data FROM tb_user u -- ;\n;");

        assertThat(db.scalar("SELECT data->>'s' FROM tv_user WHERE pk_user = 1")).isEqualTo(";");
        TviewAssertions.assertConsistent(db);
    }

    @Test
    @Raises("TV003")
    void droppingAnUnknownTviewFailsAndIfExistsSkipsIt() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        assertFails(() -> drop("tv_nope"), "TV003", "TVIEW tv_nope does not exist");
        assertThat(db.scalar("SELECT pg_tviews_drop('tv_nope', true)")).isEqualTo("TVIEW tv_nope does not exist, skipped");

        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    @Raises("TV003")
    void droppingWithAnotherSchemaFailsAndKeepsTheTview() throws SQLException {
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        db.execute("CREATE SCHEMA app");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        assertFails(() -> drop("app.tv_comment"), "TV003", "TVIEW app.tv_comment does not exist");
        assertFails(() -> drop("nosuch.tv_comment"), "TV003", "TVIEW nosuch.tv_comment does not exist");

        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT pg_tviews_drop('public.tv_comment')")).isEqualTo("TVIEW public.tv_comment dropped");
    }

    @Test
    @Raises("TV001")
    void droppingWithAnInvalidNameFails() throws SQLException {
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        assertFails(() -> drop("post"), "TV001", "invalid TVIEW name 'post'");
        assertFails(() -> drop("tv_Post"), "TV001", "invalid TVIEW name 'tv_Post'");

        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    @Raises("TV031")
    void droppingATviewOtherTviewsReadFailsUnlessCascade() throws SQLException {
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        ServerErrorMessage error = assertFails(() -> drop("tv_post"), "TV031",
                "cannot drop TVIEW tv_post: TVIEW(s) tv_category, tv_comment read it");
        assertThat(error.getHint()).contains("pg_tviews_drop('tv_post', false, true)");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        TviewAssertions.assertConsistent(db);

        db.execute("SELECT pg_tviews_drop('tv_post', false, true)");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
        assertThat(db.scalar("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'tview%'")).isEqualTo(0L);
    }

    @Test
    @Raises("TV050")
    void nonOwnerWithoutTriggerPrivilegeCannotCreate() throws SQLException {
        String role = creatorRole();
        db.execute("GRANT SELECT ON tb_user TO " + role);
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        try (Connection creator = db.connectAs(role)) {
            ServerErrorMessage error = assertFails(() -> create(creator, "tv_user", USER_DEFINITION), "TV050",
                    "TVIEW tv_user: cannot install refresh triggers on tb_user: permission denied for table tb_user");
            assertThat(error.getHint()).isEqualTo(
                    "The role creating a TVIEW must own tb_user or hold the TRIGGER privilege on it.");
        }

        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        db.execute("GRANT TRIGGER ON tb_user TO " + role);
        try (Connection creator = db.connectAs(role)) {
            create(creator, "tv_user", USER_DEFINITION);
        }
        TviewAssertions.assertConsistent(db);
    }

    @Test
    @Raises("TV050")
    void nonOwnerWithoutSelectPrivilegeOnASourceCannotCreate() throws SQLException {
        String role = creatorRole();
        db.execute("GRANT SELECT, TRIGGER ON tb_user TO " + role);
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        try (Connection creator = db.connectAs(role)) {
            assertFails(() -> create(creator, "tv_user", "SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, "
                            + "'posts', (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user)) AS data FROM tb_user u"),
                    "TV050", "TVIEW tv_user: permission denied for table tb_post");
        }

        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    /**
     * Any role that may create objects creates TVIEWs (no grant on the catalog needed), but writes
     * no catalog row itself: neither of TVIEWs it does not own, nor of its own.
     */
    @Test
    void anyRoleMayCreateTviewsButNotChangeCatalogRowsOfOthers() throws SQLException {
        String role = "tv_creator_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN; GRANT CREATE ON SCHEMA public TO " + role
                + "; GRANT SELECT, TRIGGER, UPDATE ON tb_user, tb_post TO " + role);
        db.execute("SELECT pg_tviews_create('tv_post', $$ SELECT pk_post, id, fk_user, jsonb_build_object('t', title) AS data FROM tb_post $$)");

        try (Connection creator = db.connectAs(role)) {
            create(creator, "tv_user", USER_DEFINITION);
            TestDatabase.execute(creator, "UPDATE tb_user SET name = 'by creator' WHERE pk_user = 1");
            assertThat(TestDatabase.scalar(creator, "SELECT count(*) FROM pg_tview_meta")).isEqualTo(2L);
            // Only the runtime's own code writes the catalog: not even the creator's own rows.
            for (String write : List.of("DELETE FROM pg_tview_meta WHERE entity = 'post'",
                    "UPDATE pg_tview_meta SET refresh_mode = 'deferred' WHERE entity = 'user'",
                    "DELETE FROM pg_tview_source WHERE entity = 'user'")) {
                assertThat(serverError(() -> TestDatabase.execute(creator, write)).getSQLState()).as(write).isEqualTo("42501");
            }
            assertFails(() -> TestDatabase.execute(creator, "SELECT pg_tviews_drop('tv_user')"), "TV050",
                    "cannot drop TVIEW tv_user: removing its refresh triggers from tb_user requires owning tb_user");
        }

        assertThat(db.column("SELECT entity || ' ' || refresh_mode FROM pg_tview_meta ORDER BY 1"))
                .containsExactly("post immediate", "user immediate");
        db.execute("SELECT pg_tviews_drop('tv_user')");
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
        TviewAssertions.assertConsistent(db);
    }

    /** A LOGIN role that may create objects in public, but owns no table. */
    private String creatorRole() throws SQLException {
        String role = "tv_creator_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN");
        db.execute("GRANT CREATE ON SCHEMA public TO " + role);
        return role;
    }

    @Test
    void unionInsideASubqueryIsAcceptedWhenLineageHolds() throws SQLException {
        create("tv_user", """
                SELECT u.pk_user, u.id,
                       jsonb_build_object('name', u.name,
                                          'activity', (SELECT count(*) FROM (
                                              SELECT p.pk_post FROM tb_post p WHERE p.fk_user = u.pk_user
                                              UNION ALL
                                              SELECT c.pk_comment FROM tb_comment c WHERE c.fk_user = u.pk_user) a)) AS data
                FROM tb_user u""");
        create("tv_category", """
                SELECT x.pk_category, x.id, jsonb_build_object('title', x.title) AS data
                FROM (SELECT pk_category, id, title FROM tb_category WHERE pk_category < 3
                      UNION SELECT pk_category, id, upper(title) FROM tb_category WHERE pk_category >= 3) x""");

        assertThat(db.column("SELECT format('%s %s', source::regclass, rule) FROM pg_tview_source "
                + "WHERE entity = 'user' ORDER BY 1"))
                .containsExactly("tb_comment child", "tb_post child", "tb_user root");
        assertThat(db.scalar("SELECT (data->>'activity')::int FROM tv_user WHERE pk_user = 2")).isEqualTo(3);

        db.execute("INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (2, 2, 'more')");
        db.execute("UPDATE tb_post SET fk_user = 3 WHERE pk_post = 2");
        db.execute("UPDATE tb_category SET title = 'nothing' WHERE pk_category = 3");
        TviewAssertions.assertConsistent(db);
        assertThat(db.scalar("SELECT data->>'title' FROM tv_category WHERE pk_category = 3")).isEqualTo("NOTHING");
    }

    /**
     * Errors raised while the definition is first evaluated (not while it is analysed) keep
     * PostgreSQL's SQLSTATE; the create still leaves nothing behind.
     */
    @Test
    void evaluationErrorsKeepThePostgresCodeAndLeaveNothingBehind() throws SQLException {
        DatabaseSnapshot before = DatabaseSnapshot.of(db);

        ServerErrorMessage division = serverError(() -> create("tv_user",
                "SELECT u.pk_user, u.id, jsonb_build_object('x', 1 / (u.pk_user - 1)) AS data FROM tb_user u"));
        ServerErrorMessage cast = serverError(() -> create("tv_user",
                "SELECT u.pk_user, u.id, u.name::jsonb AS data FROM tb_user u"));
        ServerErrorMessage schema = serverError(() -> create("nosuch.tv_user", USER_DEFINITION));

        assertThat(division.getSQLState()).isEqualTo("22012");
        assertThat(cast.getSQLState()).isEqualTo("22P02");
        assertThat(schema.getSQLState()).isEqualTo("3F000");
        assertThat(schema.getMessage()).isEqualTo("schema \"nosuch\" does not exist");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }
}
