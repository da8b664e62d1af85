package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Write skew under REPEATABLE READ and SERIALIZABLE between a transaction that changes a parent
 * (renames user 3, retitles post 3) and one that points a new row at it (a comment by user 3, on
 * post 3), when the other committed after this one's snapshot: neither can see the other's row,
 * so the later one must fail with 40001 rather than commit a stale tv_comment row (before the lock
 * guard, the rename committed and the comment kept the old name). A retry succeeds.
 */
class RepeatableReadLineageTest {

    private static final String COMMENT_BY_CAROL_ON_POST_3 =
            "INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (3, 3, 'written concurrently')";

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest(name = "{0}: {1} after {3} committed ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            REPEATABLE READ | rename of that user      | REPEATABLE READ | comment by that user
            REPEATABLE READ | retitle of that post     | REPEATABLE READ | comment on that post
            REPEATABLE READ | comment by that user     | REPEATABLE READ | rename of that user
            REPEATABLE READ | comment on that post     | REPEATABLE READ | retitle of that post
            SERIALIZABLE    | rename of that user      | SERIALIZABLE    | comment by that user
            SERIALIZABLE    | comment on that post     | SERIALIZABLE    | retitle of that post
            REPEATABLE READ | comment by that user     | READ COMMITTED  | rename of that user
            REPEATABLE READ | comment on that post     | READ COMMITTED  | retitle of that post
            """)
    void theLaterOfAParentChangeAndANewChildFailsWith40001AndARetrySucceeds(
            String isolation, String later, String earlierIsolation, String earlier) throws SQLException {
        try (Connection session = db.connect(); Connection other = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "SET TRANSACTION ISOLATION LEVEL " + isolation);
            TestDatabase.scalar(session, "SELECT count(*) FROM tb_comment");  // takes the snapshot

            other.setAutoCommit(false);
            TestDatabase.execute(other, "SET TRANSACTION ISOLATION LEVEL " + earlierIsolation);
            TestDatabase.execute(other, statement(earlier));
            other.commit();  // after the snapshot

            assertThatThrownBy(() -> TestDatabase.execute(session, statement(later)))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("40001"));
            session.rollback();

            TestDatabase.execute(session, "SET TRANSACTION ISOLATION LEVEL " + isolation);
            TestDatabase.execute(session, statement(later));
            session.commit();
        }
        assertThat(db.scalar("SELECT t.data->>'by' || ' on ' || (t.data->'post'->>'title') "
                + "FROM tv_comment t JOIN tb_comment c USING (pk_comment) WHERE c.body = 'written concurrently'"))
                .isIn("Caroline on JavaFX tips", "carol on Retitled");
        assertConsistent(db);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"REPEATABLE READ", "SERIALIZABLE"})
    void changesToDifferentParentsDoNotConflict(String isolation) throws SQLException {
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            TestDatabase.execute(session, "SET TRANSACTION ISOLATION LEVEL " + isolation);
            TestDatabase.scalar(session, "SELECT count(*) FROM tb_comment");

            db.execute("INSERT INTO tb_comment (fk_post, fk_user, body) VALUES (2, 1, 'by alice on post 2')");

            TestDatabase.execute(session, "UPDATE tb_user SET name = 'Caroline' WHERE pk_user = 3");
            session.commit();
        }
        assertConsistent(db);
    }

    private static String statement(String name) {
        return switch (name) {
            case "comment by that user", "comment on that post" -> COMMENT_BY_CAROL_ON_POST_3;
            case "rename of that user" -> "UPDATE tb_user SET name = 'Caroline' WHERE pk_user = 3";
            case "retitle of that post" -> "UPDATE tb_post SET title = 'Retitled' WHERE pk_post = 3";
            default -> throw new IllegalArgumentException(name);
        };
    }
}
