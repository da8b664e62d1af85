package io.tviewstudio.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The row inspector on the blog schema's TVIEWs (tv_post: posts 1-3 published, 4 a draft). */
class RowInspectorTest {

    private TestDatabase db;

    @BeforeEach
    void blog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @Test
    void pagesForwardAndBackwardByKey() throws Exception {
        db.execute("INSERT INTO tb_post (fk_user, fk_category, title) SELECT 1, 1, 'more ' || g FROM generate_series(1, 4) g");
        RowInspector inspector = RowInspector.of(db.connection(), "tv_post");
        RowPage first = inspector.first(RowFilter.ALL, 3);
        assertThat(pks(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.more()).isTrue();
        RowPage second = inspector.after(RowFilter.ALL, first.lastPk(), 3);
        assertThat(pks(second)).containsExactly(5L, 6L, 7L);
        assertThat(second.more()).isTrue();
        RowPage third = inspector.after(RowFilter.ALL, second.lastPk(), 3);
        assertThat(pks(third)).containsExactly(8L);
        assertThat(third.more()).isFalse();
        RowPage back = inspector.before(RowFilter.ALL, third.firstPk(), 3);
        assertThat(pks(back)).containsExactly(5L, 6L, 7L);
        assertThat(back.more()).isTrue();
        RowPage start = inspector.before(RowFilter.ALL, back.firstPk(), 3);
        assertThat(pks(start)).containsExactly(1L, 2L, 3L);
        assertThat(start.more()).isFalse();

        RowSummary row = first.rows().getFirst();
        assertThat(row.id()).isEqualTo(db.scalar("SELECT id::text FROM tb_post WHERE pk_post = 1"));
        assertThat(row.summary()).contains("\"title\": \"TVIEWs explained\"");
        assertThat(row.dataBytes()).isPositive();
    }

    @Test
    void searchesByKeyByIdAndByJsonPath() throws Exception {
        RowInspector inspector = RowInspector.of(db.connection(), "tv_post");
        assertThat(pks(inspector.first(RowFilter.key("2"), 10))).containsExactly(2L);
        String id = (String) db.scalar("SELECT id::text FROM tv_post WHERE pk_post = 3");
        assertThat(pks(inspector.first(RowFilter.key(id), 10))).containsExactly(3L);
        assertThat(pks(inspector.first(RowFilter.key("4"), 10))).isEmpty();
        assertThat(pks(inspector.first(RowFilter.jsonPath("$.author ? (@.name == \"alice\")"), 10))).containsExactly(1L, 3L);
        RowPage paged = inspector.first(RowFilter.jsonPath("$.author.name"), 2);
        assertThat(pks(paged)).containsExactly(1L, 2L);
        assertThat(pks(inspector.after(RowFilter.jsonPath("$.author.name"), paged.lastPk(), 2))).containsExactly(3L);

        assertThatThrownBy(() -> inspector.first(RowFilter.key("post-2"), 10))
                .isInstanceOf(InspectException.class)
                .hasMessage("Not a key: \u201cpost-2\u201d is neither a pk_post number nor an id uuid");
        assertThatThrownBy(() -> inspector.first(RowFilter.key("99999999999999999999"), 10))
                .isInstanceOf(InspectException.class).hasMessage("Not a key: 99999999999999999999 is out of the bigint range");
    }

    @Test
    void anInvalidJsonPathIsReportedWithTheServersMessage() throws Exception {
        RowInspector inspector = RowInspector.of(db.connection(), "tv_post");
        assertThatThrownBy(() -> inspector.first(RowFilter.jsonPath("$.author[ ?"), 10))
                .isInstanceOfSatisfying(InspectException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_json_path");
                    assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("42601");
                })
                .hasMessage("Invalid JSON path \u201c$.author[ ?\u201d: syntax error at or near \"?\" of jsonpath input");
        // The connection is still usable: the failed check was rolled back.
        assertThat(pks(inspector.first(RowFilter.ALL, 10))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void browsingRunsInAReadOnlyTransaction() throws Exception {
        assertThatThrownBy(() -> RowInspector.readOnly(db.connection(), () -> {
            db.execute("UPDATE tb_user SET name = 'x'");
            return null;
        })).isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        assertThat(db.connection().getAutoCommit()).isTrue();
        assertThat(db.column("SELECT name FROM tb_user ORDER BY pk_user")).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aStaleRowIsShownWithItsDifferenceAndRepairedAlone() throws Exception {
        db.execute("UPDATE tv_post SET data = jsonb_set(data, '{title}', '\"tampered\"') WHERE pk_post = 2");
        db.execute("UPDATE tv_post SET data = jsonb_set(data, '{title}', '\"also stale\"') WHERE pk_post = 1");
        RowInspector inspector = RowInspector.of(db.connection(), "tv_post");
        RowComparison stale = inspector.compare(2);
        assertThat(stale.state()).isEqualTo(RowComparison.State.STALE);
        assertThat(JsonDiff.between(stale.stored(), stale.fresh())).containsExactly(
                new JsonDiff.Difference("$.data.title", "\"tampered\"", "\"Lineage by keys\""));
        assertThat(inspector.compare(3).state()).isEqualTo(RowComparison.State.CURRENT);

        RowRepair repair = inspector.repair(2);
        assertThat(repair.before().state()).isEqualTo(RowComparison.State.STALE);
        assertThat(repair.after().state()).isEqualTo(RowComparison.State.CURRENT);
        assertThat(repair.changed()).isTrue();
        assertThat(repair.call()).isEqualTo("pg_tviews_cascade('tb_post'::regclass, 2)");
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 2")).isEqualTo("Lineage by keys");
        // Only that row: the other stale one stays as it was, for the user to see.
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 1")).isEqualTo("also stale");
        assertThat(db.connection().getAutoCommit()).isTrue();
    }

    @Test
    void missingAndExtraRowsAreRepairedTooAndACurrentRowIsLeftAlone() throws Exception {
        db.execute("DELETE FROM tv_post WHERE pk_post = 3");
        db.execute("ALTER TABLE tb_post DISABLE TRIGGER USER");
        db.execute("UPDATE tb_post SET published = false WHERE pk_post = 1");
        db.execute("ALTER TABLE tb_post ENABLE TRIGGER USER");
        RowInspector inspector = RowInspector.of(db.connection(), "tv_post");
        assertThat(inspector.compare(3).state()).isEqualTo(RowComparison.State.MISSING);
        assertThat(inspector.compare(1).state()).isEqualTo(RowComparison.State.EXTRA);
        assertThat(inspector.compare(99).state()).isEqualTo(RowComparison.State.ABSENT);

        RowRepair inserted = inspector.repair(3);
        assertThat(inserted.after().state()).isEqualTo(RowComparison.State.CURRENT);
        assertThat(inserted.changed()).isTrue();
        RowRepair deleted = inspector.repair(1);
        assertThat(deleted.after().state()).isEqualTo(RowComparison.State.ABSENT);
        assertThat(db.scalar("SELECT count(*) FROM tv_post WHERE pk_post = 1")).isEqualTo(0L);
        RowRepair nothing = inspector.repair(2);
        assertThat(nothing.before().state()).isEqualTo(RowComparison.State.CURRENT);
        assertThat(nothing.changed()).isFalse();
        assertThat(db.query("SELECT * FROM pg_tviews_verify()")).isEmpty();
    }

    @Test
    void listsTheSourceRowsOfARowThroughItsLineage() throws Exception {
        RowInspector posts = RowInspector.of(db.connection(), "tv_post");
        List<SourceRows> post = posts.sources(1, 10);
        assertThat(post).extracting(rows -> rows.rule().relation() + " " + rows.rule().rule() + " " + rows.value())
                .containsExactly("tb_post root 1", "tb_user parent 1");
        assertThat(post.get(0).rows()).singleElement().asString().startsWith("{\"pk_post\":1,").contains("\"title\":\"TVIEWs explained\"");
        assertThat(post.get(1).rows()).singleElement().asString().contains("\"name\":\"alice\"");

        RowInspector categories = RowInspector.of(db.connection(), "tv_category");
        List<SourceRows> category = categories.sources(1, 1);
        SourceRows children = category.stream().filter(rows -> rows.rule().rule().equals("child")).findFirst().orElseThrow();
        assertThat(children.rule().relation()).isEqualTo("tv_post");
        assertThat(children.rows()).singleElement().asString().startsWith("{\"pk_post\":1,");
        assertThat(children.truncated()).isTrue();

        // A post without a category: tv_category's rules do not apply, tv_comment's NULL-free ones do.
        RowInspector comments = RowInspector.of(db.connection(), "tv_comment");
        assertThat(comments.sources(3, 10)).extracting(rows -> rows.rule().relation() + " " + rows.value() + " " + rows.rows().size())
                .containsExactly("tb_comment 3 1", "tb_user 2 1", "tv_post 3 1");
    }

    @Test
    void refusesATableThatIsNoTview() {
        assertThatThrownBy(() -> RowInspector.of(db.connection(), "tb_post"))
                .isInstanceOf(InspectException.class).hasMessage("tb_post is not a TVIEW table (no row in pg_tview_meta)");
    }

    private static List<Long> pks(RowPage page) {
        return page.rows().stream().map(RowSummary::pk).toList();
    }
}
