package io.tviewstudio.core.jdbc;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseErrorTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestDatabase.withRuntime();
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        db.close();
    }

    private static DatabaseError errorOf(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            return DatabaseError.of(e);
        }
        throw new AssertionError("no error from " + sql);
    }

    @Test
    void aRuntimeErrorHasItsTvCodeMessageAndHint() {
        DatabaseError error = errorOf(db.connection(), "SELECT pg_tviews_drop('tv_nothing')");

        assertThat(error.sqlState()).isEqualTo("TV003");
        assertThat(error.tvCode()).isEqualTo("TV003");
        assertThat(error.message()).isEqualTo("TVIEW tv_nothing does not exist");
        assertThat(error.hint()).startsWith("SELECT entity, table_oid FROM pg_tview_meta");
        assertThat(error.connectionLost()).isFalse();
    }

    @Test
    void aSyntaxErrorHasItsPositionAndNoTvCode() {
        DatabaseError error = errorOf(db.connection(), "SELECT 1 FRM tb_nothing");

        assertThat(error.sqlState()).isEqualTo("42601");
        assertThat(error.tvCode()).isNull();
        assertThat(error.message()).isEqualTo("syntax error at or near \"tb_nothing\"");
        assertThat(error.position()).isEqualTo(14);
        assertThat(error.hint()).isNull();
    }

    @Test
    void aServerErrorKeepsItsDetail() throws SQLException {
        db.execute("CREATE TABLE tb_detail_base (id int)");
        db.execute("CREATE VIEW v_detail_reader AS SELECT id FROM tb_detail_base");

        DatabaseError error = errorOf(db.connection(), "DROP TABLE tb_detail_base");

        assertThat(error.sqlState()).isEqualTo("2BP01");
        assertThat(error.message()).isEqualTo("cannot drop table tb_detail_base because other objects depend on it");
        assertThat(error.detail()).isEqualTo("view v_detail_reader depends on table tb_detail_base");
    }

    @Test
    void anErrorWithoutAServerMessageKeepsTheDriversMessage() {
        DatabaseError error = DatabaseError.of(new SQLException("installing 40_api.sql: boom", "TV010"));

        assertThat(error.message()).isEqualTo("installing 40_api.sql: boom");
        assertThat(error.tvCode()).isEqualTo("TV010");
        assertThat(error.position()).isNull();
        assertThat(error.detail()).isNull();
    }

    @Test
    void aSessionTheServerEndedIsAConnectionLoss() throws SQLException {
        try (Connection victim = db.connect()) {
            int pid = ((Number) TestDatabase.scalar(victim, "SELECT pg_backend_pid()")).intValue();
            db.execute("SELECT pg_terminate_backend(" + pid + ")");

            DatabaseError error = errorOf(victim, "SELECT 1");

            assertThat(error.connectionLost()).as(error.toString()).isTrue();
            assertThat(error.sqlState()).matches("57P01|08006|08003");
        }
    }

    @Test
    void aLostConnectionCountsAnywhereInTheCauseChain() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        SQLException wrapping = new SQLException("reading the catalog failed", "XX000", lost);

        assertThat(DatabaseError.isConnectionLoss(new RuntimeException(wrapping))).isTrue();
        assertThat(DatabaseError.of(wrapping).connectionLost()).isTrue();
        assertThat(DatabaseError.isConnectionLoss(new SQLException("boom", "57P01"))).isTrue();
        assertThat(DatabaseError.isConnectionLoss(new SQLException("refused", "TV003"))).isFalse();
        assertThat(DatabaseError.isConnectionLoss(new IOException("no state"))).isFalse();
    }

    @Test
    void messageLineIsTheMessagesFirstLine() {
        assertThat(DatabaseError.of(new SQLException(" boom \n  Where: line 3", "XX000")).messageLine()).isEqualTo("boom");
        assertThat(DatabaseError.of(new SQLException((String) null)).messageLine()).isEmpty();
    }

    @Test
    void firstLineIsTheMessagesFirstLineOrTheClassName() {
        assertThat(DatabaseError.firstLine(new SQLException("ERROR: boom\n  Where: line 3"))).isEqualTo("ERROR: boom");
        assertThat(DatabaseError.firstLine(new IOException())).isEqualTo("IOException");
        assertThatThrownBy(() -> { throw new SQLException(" padded \nsecond"); })
                .satisfies(e -> assertThat(DatabaseError.firstLine(e)).isEqualTo("padded"));
    }
}
