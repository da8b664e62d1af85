package io.tviewstudio.core.runtime;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import static io.tviewstudio.core.testing.TviewAssertions.assertConsistent;

/**
 * A seeded random mix of single-row and multi-row writes, key changes, deletes with cascades,
 * savepoint rollbacks and transaction rollbacks over the blog schema; every TVIEW must equal its
 * view at every check. A failing seed reproduces exactly.
 */
class RandomWorkloadTest {

    private static final List<IntFunction<String>> OPERATIONS = List.of(
            n -> "INSERT INTO tb_user (name) VALUES ('user " + n + "')",
            n -> "INSERT INTO tb_category (title) VALUES ('category " + n + "')",
            n -> "INSERT INTO tb_post (fk_user, fk_category, title, published) SELECT (SELECT pk_user FROM tb_user ORDER BY random() LIMIT 1), "
                    + "(SELECT pk_category FROM tb_category ORDER BY random() LIMIT 1), 'post " + n + "', " + (n % 4 != 0),
            n -> "INSERT INTO tb_comment (fk_post, fk_user, body) SELECT (SELECT pk_post FROM tb_post ORDER BY random() LIMIT 1), "
                    + "(SELECT pk_user FROM tb_user ORDER BY random() LIMIT 1), 'comment " + n + "' WHERE EXISTS (SELECT 1 FROM tb_post)",
            n -> "UPDATE tb_user SET name = 'renamed " + n + "' WHERE pk_user % 5 = " + (n % 5),
            n -> "UPDATE tb_post SET title = title || '+' WHERE pk_post % 4 = " + (n % 4),
            n -> "UPDATE tb_post SET published = NOT published WHERE pk_post % 7 = " + (n % 7),
            n -> "UPDATE tb_post SET fk_category = (SELECT pk_category FROM tb_category ORDER BY random() LIMIT 1) WHERE pk_post % 6 = " + (n % 6),
            n -> "UPDATE tb_post SET fk_user = (SELECT pk_user FROM tb_user ORDER BY random() LIMIT 1) WHERE pk_post % 9 = " + (n % 9),
            n -> "UPDATE tb_category SET title = upper(title) WHERE pk_category % 3 = " + (n % 3),
            n -> "UPDATE tb_user SET pk_user = pk_user + 1000 WHERE pk_user = (SELECT max(pk_user) FROM tb_user)",
            n -> "DELETE FROM tb_comment WHERE pk_comment % 5 = " + (n % 5),
            n -> "DELETE FROM tb_post WHERE pk_post = (SELECT min(pk_post) FROM tb_post)",
            n -> "DELETE FROM tb_category c WHERE NOT EXISTS (SELECT 1 FROM tb_post p WHERE p.fk_category = c.pk_category) "
                    + "AND c.pk_category % 2 = " + (n % 2),
            n -> "UPDATE tb_comment SET fk_post = (SELECT pk_post FROM tb_post ORDER BY random() LIMIT 1) WHERE pk_comment % 4 = " + (n % 4));

    private TestDatabase db;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
        db.execute(Resources.text("schemas/blog-tv-user.sql"));
    }

    @AfterEach
    void close() throws SQLException {
        db.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void tviewsEqualTheirViewsAfterEveryBatchOfRandomWrites(long seed) throws SQLException {
        Random random = new Random(seed);
        try (Connection session = db.connect()) {
            session.setAutoCommit(false);
            for (int batch = 0; batch < 12; batch++) {
                for (int step = 0; step < 10; step++) {
                    int n = batch * 10 + step;
                    String sql = OPERATIONS.get(random.nextInt(OPERATIONS.size())).apply(n);
                    if (random.nextInt(8) == 0) {
                        Savepoint savepoint = session.setSavepoint();
                        TestDatabase.execute(session, sql);
                        session.rollback(savepoint);
                    } else {
                        TestDatabase.execute(session, sql);
                    }
                }
                if (random.nextInt(5) == 0) {
                    session.rollback();
                } else {
                    session.commit();
                }
                assertConsistent(db);
            }
        }
    }
}
