package io.tviewstudio.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;

/**
 * A syntax error is reported where PostgreSQL reports it, at the token it names, though
 * JSqlParser backtracks and stops earlier (issue #20, item 10: "(" instead of "AS").
 */
class SyntaxErrorPositionTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestDatabase.empty();
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        db.close();
    }

    static Stream<String> malformed() {
        return Stream.of("""
                        SELECT p.pk_post, p.id,
                               jsonb_build_object('id', p.id,
                                                  'title', p.title AS data
                        FROM tb_post p""",
                "SELECT jsonb_build_object('a', p.a AS x) FROM t",
                "SELECT count(p.a FROM t",
                "SELECT (p.a + ) FROM t",
                "SELECT p.a, (SELECT max(x) FROM u WHERE ) FROM t",
                "SELECT p.a p.b FROM t",
                "SELECT a, FROM t",
                "SELECT a FROM t t2 t3",
                "SELECT a FROM t WHERE x = 1 GROUP a",
                "SELECT a FROM t JOIN u u.x = t.x",
                "SELECT jsonb_agg(x ORDER y) FROM t",
                "SELECT a FROM t WHERE",
                "SELECT 1 AS pk_post,");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void theJavaAnalysisNamesTheTokenAndPositionPostgresqlNames(String select) {
        PSQLException postgres = catchThrowableOfType(PSQLException.class, () -> {
            try (Statement statement = db.connection().createStatement()) {
                statement.execute(select);
            }
        });
        assertThat((Throwable) postgres).as("PostgreSQL refuses it").isNotNull();
        assertThat(postgres.getSQLState()).isEqualTo("42601");
        int offset = postgres.getServerErrorMessage().getPosition() - 1;
        String before = select.substring(0, offset);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = offset - before.lastIndexOf('\n');

        Diagnostic java = DefinitionAnalyzer.analyze("tv_x", select, CatalogSnapshot.offline()).diagnostics().stream()
                .filter(d -> d.code() == ErrorCode.TV010).findFirst().orElseThrow();

        assertThat(java.message()).isEqualTo("TVIEW tv_x: invalid definition: " + postgres.getServerErrorMessage().getMessage());
        assertThat(java.line() + ":" + java.column()).as("line:column").isEqualTo(line + ":" + column);
    }
}
