package io.tviewstudio.tools.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The SQL of each {@link LoadOperation} against the demo schema, prepared once per connection.
 * Rows are drawn uniformly (see {@link #randomKey}); an operation that finds no row (an emptied
 * table) writes nothing instead of failing. Inserts and deletes of posts and comments write only while the
 * table's count is inside its band ({@link #MIN_POSTS} to {@link #MAX_POSTS}, {@link #MIN_COMMENTS}
 * to {@link #MAX_COMMENTS}), so that the demo neither drains nor grows however long the load runs;
 * outside it they write nothing; a post is deleted only while the comments are above their band
 * too, since its comments go with it.
 */
final class LoadStatements implements AutoCloseable {

    // The band the demo's posts and comments stay in: its starting 240 and 720 (demo-schema.sql),
    // give or take a quarter.
    static final int MIN_POSTS = 180;
    static final int MAX_POSTS = 300;
    static final int MIN_COMMENTS = 540;
    static final int MAX_COMMENTS = 900;

    private static final Map<LoadOperation, String> SQL = new EnumMap<>(LoadOperation.class);

    static {
        SQL.put(LoadOperation.INSERT_POST, """
                INSERT INTO tb_post (fk_user, fk_category, title, published)
                SELECT k.u, k.c, ?, ? FROM (SELECT %s AS u, %s AS c) k
                WHERE k.u IS NOT NULL AND %s"""
                .formatted(randomKey("tb_user", "pk_user"), randomKey("tb_category", "pk_category"),
                           countBelow("tb_post", MAX_POSTS)));
        SQL.put(LoadOperation.UPDATE_POST, """
                UPDATE tb_post SET title = ?, published = CASE WHEN ? THEN NOT published ELSE published END
                WHERE pk_post = %s""".formatted(randomKey("tb_post", "pk_post")));
        SQL.put(LoadOperation.DELETE_POST, "DELETE FROM tb_post WHERE pk_post = " + randomKey("tb_post", "pk_post")
                + " AND " + countAbove("tb_post", MIN_POSTS) + " AND " + countAbove("tb_comment", MIN_COMMENTS));
        SQL.put(LoadOperation.INSERT_COMMENT, """
                INSERT INTO tb_comment (fk_post, fk_user, body)
                SELECT k.p, k.u, ? FROM (SELECT %s AS p, %s AS u) k
                WHERE k.p IS NOT NULL AND k.u IS NOT NULL AND %s"""
                .formatted(randomKey("tb_post", "pk_post"), randomKey("tb_user", "pk_user"),
                           countBelow("tb_comment", MAX_COMMENTS)));
        SQL.put(LoadOperation.UPDATE_COMMENT, "UPDATE tb_comment SET body = ? WHERE pk_comment = "
                + randomKey("tb_comment", "pk_comment"));
        SQL.put(LoadOperation.DELETE_COMMENT, "DELETE FROM tb_comment WHERE pk_comment = "
                + randomKey("tb_comment", "pk_comment") + " AND " + countAbove("tb_comment", MIN_COMMENTS));
        SQL.put(LoadOperation.RENAME_USER, "UPDATE tb_user SET name = ? WHERE pk_user = "
                + randomKey("tb_user", "pk_user"));
        SQL.put(LoadOperation.MOVE_POST, "UPDATE tb_post SET fk_category = %s WHERE pk_post = %s"
                .formatted(randomKey("tb_category", "pk_category"), randomKey("tb_post", "pk_post")));
    }

    private final Connection connection;
    private final Map<LoadOperation, PreparedStatement> prepared = new EnumMap<>(LoadOperation.class);

    LoadStatements(Connection connection) {
        this.connection = connection;
    }

    // A count of a few hundred rows per insert or delete: cheap next to the TVIEW maintenance the
    // write triggers. Concurrent clients may each see room for one more row, so the band can be
    // passed by as many rows as there are clients.
    private static String countBelow(String table, int limit) {
        return "(SELECT count(*) FROM " + table + ") < " + limit;
    }

    private static String countAbove(String table, int limit) {
        return "(SELECT count(*) FROM " + table + ") > " + limit;
    }

    /**
     * The key of a row drawn uniformly from the table; the statement's next parameter (0 to 1)
     * draws it. Not the key after a random point of the key range, an index lookup but biased: the
     * rows after the gaps that deletes leave would be picked more often, both to receive comments
     * and to be deleted, and the demo drained of comments (issue #20, item 14). The tables stay a
     * few hundred rows, so walking the key index to the drawn row is cheap.
     */
    private static String randomKey(String table, String key) {
        return "(SELECT t.%2$s FROM %1$s t ORDER BY t.%2$s OFFSET (SELECT floor(?::float8 * count(*))::bigint FROM %1$s) LIMIT 1)"
                .formatted(table, key);
    }

    /** Runs one operation as its own transaction (the connection is in autocommit). */
    void run(LoadOperation operation, RandomGenerator random, long sequence) throws SQLException {
        PreparedStatement statement = prepared.get(operation);
        if (statement == null) {
            statement = connection.prepareStatement(SQL.get(operation));
            prepared.put(operation, statement);
        }
        switch (operation) {
            case INSERT_POST -> {
                statement.setString(1, "Load post " + sequence);
                statement.setBoolean(2, random.nextInt(10) != 0);
                statement.setDouble(3, random.nextDouble());
                statement.setDouble(4, random.nextDouble());
            }
            case UPDATE_POST -> {
                statement.setString(1, "Edited post " + sequence);
                statement.setBoolean(2, random.nextInt(5) == 0);
                statement.setDouble(3, random.nextDouble());
            }
            case INSERT_COMMENT -> {
                statement.setString(1, "Load comment " + sequence);
                statement.setDouble(2, random.nextDouble());
                statement.setDouble(3, random.nextDouble());
            }
            case UPDATE_COMMENT -> {
                statement.setString(1, "Edited comment " + sequence);
                statement.setDouble(2, random.nextDouble());
            }
            case RENAME_USER -> {
                statement.setString(1, "user " + sequence);
                statement.setDouble(2, random.nextDouble());
            }
            case MOVE_POST -> {
                statement.setDouble(1, random.nextDouble());
                statement.setDouble(2, random.nextDouble());
            }
            case DELETE_POST, DELETE_COMMENT -> statement.setDouble(1, random.nextDouble());
        }
        statement.executeUpdate();
    }

    @Override
    public void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // Closing the connection next releases it anyway.
            }
        }
        prepared.clear();
    }
}
