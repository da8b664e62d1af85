package io.tviewstudio.core.testing;

import java.sql.SQLException;

/** The blog schema of the runtime tests (schemas/blog.sql) with its TVIEWs, on a fresh database. */
public final class BlogSchema {

    private BlogSchema() {
    }

    /** Runtime, blog tables and data, and tv_post, tv_category, tv_comment. */
    public static TestDatabase withTviews() throws SQLException {
        TestDatabase db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/blog.sql"));
        db.execute(Resources.text("schemas/blog-tviews.sql"));
        return db;
    }
}
