package io.tviewstudio.core.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding the name and SELECT of CREATE TVIEW statements, and the pg_tviews_create text they become. */
class CreateTviewStatementTest {

    private static final String SELECT = "SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u";

    @Test
    void createTviewBecomesPgTviewsCreate() throws Exception {
        List<CreateTviewStatement> statements = CreateTviewStatement.parseScript(
                "-- users\ncreate tview tv_user as\n" + SELECT + ";\n", null);

        assertThat(statements).containsExactly(new CreateTviewStatement("tv_user", SELECT, false));
        assertThat(statements.get(0).toSql()).isEqualTo("SELECT pg_tviews_create('tv_user', $$" + SELECT + "$$);");
    }

    @Test
    void severalStatementsIfNotExistsAndSemicolonsInsideQuotesAndDollarBodies() throws Exception {
        String script = """
                CREATE TVIEW IF NOT EXISTS app.tv_a AS SELECT 1 AS pk_a, ';' AS x;
                /* a; comment /* nested; */ */
                CREATE TVIEW tv_b AS SELECT $q$;$q$ AS y, "odd;name" FROM t -- trailing; comment
                """;

        List<CreateTviewStatement> statements = CreateTviewStatement.parseScript(script, null);

        assertThat(statements).containsExactly(
                new CreateTviewStatement("app.tv_a", "SELECT 1 AS pk_a, ';' AS x", true),
                new CreateTviewStatement("tv_b", "SELECT $q$;$q$ AS y, \"odd;name\" FROM t -- trailing; comment", false));
    }

    @Test
    void aBareSelectNeedsAName() throws Exception {
        assertThat(CreateTviewStatement.parseScript(SELECT + ";", "tv_user"))
                .containsExactly(new CreateTviewStatement("tv_user", SELECT, false));
        assertThatThrownBy(() -> CreateTviewStatement.parseScript(SELECT, null))
                .hasMessage("statement 1 is not CREATE TVIEW name AS SELECT ...: SELECT u.pk_user, u.id, "
                        + "jsonb_build_object('name', u.name) A... (to create from a bare SELECT, give the TVIEW "
                        + "name: tviews create tv_name --file FILE)");
    }

    @Test
    void malformedInputIsRefusedWithItsReason() {
        assertThatThrownBy(() -> CreateTviewStatement.parseScript("  -- nothing\n", null))
                .hasMessage("the file holds no SQL statement");
        assertThatThrownBy(() -> CreateTviewStatement.parseScript("CREATE TVIEW AS SELECT 1", null))
                .hasMessage("statement 1 is not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...: CREATE TVIEW AS SELECT 1");
        assertThatThrownBy(() -> CreateTviewStatement.parseScript("CREATE TVIEW tv_x SELECT 1", null))
                .hasMessage("statement 1 is not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...: CREATE TVIEW tv_x SELECT 1");
        assertThatThrownBy(() -> CreateTviewStatement.parseScript("CREATE TVIEW tv_x AS ;", null))
                .hasMessage("statement 1 is not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...: CREATE TVIEW tv_x AS");
        assertThatThrownBy(() -> CreateTviewStatement.parseScript("SELECT 1; SELECT 2", "tv_x"))
                .hasMessage("with a TVIEW name the file must hold exactly one SELECT, but it holds 2 statements");
        assertThatThrownBy(() -> CreateTviewStatement.parseScript("CREATE TVIEW tv_y AS SELECT 1", "tv_x"))
                .hasMessage("the file creates TVIEW tv_y, not tv_x");
    }

    @Test
    void theDollarTagAvoidsTheBody() {
        assertThat(new CreateTviewStatement("tv_x", "SELECT $$a$$ AS s", false).toSql())
                .isEqualTo("SELECT pg_tviews_create('tv_x', $tview$SELECT $$a$$ AS s$tview$);");
        assertThat(new CreateTviewStatement("tv_x", "SELECT $$a$$, $tview$b$tview$", false).toSql())
                .isEqualTo("SELECT pg_tviews_create('tv_x', $tview1$SELECT $$a$$, $tview$b$tview$$tview1$);");
    }
}
