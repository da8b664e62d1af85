package io.tviewstudio.core.demo;

import io.tviewstudio.core.catalog.TviewCatalog;
import io.tviewstudio.core.catalog.TviewInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the real demo database once: its own embedded server, as the application does. */
class DemoDatabaseTest {

    private static final List<String> steps = new ArrayList<>();
    private static final List<Double> fractions = new ArrayList<>();
    private static DemoDatabase demo;

    @BeforeAll
    static void startDemo() throws IOException, SQLException {
        demo = DemoDatabase.start((step, fraction) -> {
            steps.add(step);
            fractions.add(fraction);
        });
    }

    @AfterAll
    static void stopDemo() throws IOException {
        demo.close();
    }

    @Test
    void reportsItsStepsInOrderUpToDone() {
        assertThat(steps).containsExactly("Starting PostgreSQL", "Creating database tview_demo",
                "Installing the TVIEW runtime", "Loading the sample schema", "Demo database ready");
        assertThat(fractions).isSorted().startsWith(0.0).endsWith(1.0);
    }

    @Test
    void holdsThreeConsistentTviews() throws SQLException {
        try (Connection connection = demo.connect()) {
            assertThat(new TviewCatalog(connection).list()).extracting(TviewInfo::table)
                    .containsExactly("tv_post", "tv_category", "tv_comment");
            assertThat(count(connection, "SELECT count(*) FROM pg_tviews_verify()")).isZero();
        }
    }

    @Test
    void holdsAFewHundredGeneratedRows() throws SQLException {
        try (Connection connection = demo.connect()) {
            assertThat(count(connection, "SELECT count(*) FROM tb_user")).isEqualTo(40);
            assertThat(count(connection, "SELECT count(*) FROM tb_category")).isEqualTo(6);
            assertThat(count(connection, "SELECT count(*) FROM tb_post")).isEqualTo(240);
            assertThat(count(connection, "SELECT count(*) FROM tb_comment")).isEqualTo(720);
        }
    }

    @Test
    void renamingAUserCascadesToCommentsThroughPosts() throws SQLException {
        try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("UPDATE tb_user SET name = 'Ada' WHERE pk_user = 1");

            assertThat(count(connection, """
                    SELECT count(*) FROM tv_comment
                    WHERE data->'post'->'author'->>'name' = 'Ada'""")).isEqualTo(18);
            assertThat(count(connection, """
                    SELECT count(*) FROM tv_category, jsonb_array_elements(data->'posts') p
                    WHERE p->'author'->>'name' = 'Ada'""")).isPositive();
            assertThat(count(connection, "SELECT count(*) FROM pg_tviews_verify()")).isZero();
            connection.rollback();
        }
    }

    @Test
    void reportsTheServerVersionAndUrl() {
        assertThat(demo.serverVersion()).matches("\\d+\\.\\d+.*");
        assertThat(demo.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:").endsWith("/tview_demo");
    }

    @Test
    void closeStopsTheServer() throws IOException, SQLException {
        try (DemoDatabase other = DemoDatabase.start(DemoProgress.NONE)) {
            other.close();

            assertThatThrownBy(other::connect).isInstanceOf(SQLException.class);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
