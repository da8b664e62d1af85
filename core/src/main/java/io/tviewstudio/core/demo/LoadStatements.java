package io.tviewstudio.core.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The SQL of each {@link LoadOperation} against the demo schema, prepared once per connection.
 * Rows are picked by a random point in the key range (the next existing key at or above it), an
 * index lookup whatever the table size; an operation that finds no row (an emptied table) writes
 * nothing instead of failing.
 */
final class LoadStatements implements AutoCloseable {

    private static final Map<LoadOperation, String> SQL = new EnumMap<>(LoadOperation.class);

    static {
        SQL.put(LoadOperation.INSERT_POST, """
                INSERT INTO tb_post (fk_user, fk_category, title, published)
                SELECT k.u, k.c, ?, ? FROM (SELECT %s AS u, %s AS c) k WHERE k.u IS NOT NULL"""
                .formatted(randomKey("tb_user", "pk_user"), randomKey("tb_category", "pk_category")));
        SQL.put(LoadOperation.UPDATE_POST, """
                UPDATE tb_post SET title = ?, published = CASE WHEN ? THEN NOT published ELSE published END
                WHERE pk_post = %s""".formatted(randomKey("tb_post", "pk_post")));
        SQL.put(LoadOperation.DELETE_POST, "DELETE FROM tb_post WHERE pk_post = " + randomKey("tb_post", "pk_post"));
        SQL.put(LoadOperation.INSERT_COMMENT, """
                INSERT INTO tb_comment (fk_post, fk_user, body)
                SELECT k.p, k.u, ? FROM (SELECT %s AS p, %s AS u) k WHERE k.p IS NOT NULL AND k.u IS NOT NULL"""
                .formatted(randomKey("tb_post", "pk_post"), randomKey("tb_user", "pk_user")));
        SQL.put(LoadOperation.UPDATE_COMMENT, "UPDATE tb_comment SET body = ? WHERE pk_comment = "
                + randomKey("tb_comment", "pk_comment"));
        SQL.put(LoadOperation.DELETE_COMMENT, "DELETE FROM tb_comment WHERE pk_comment = "
                + randomKey("tb_comment", "pk_comment"));
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

    /** The key at or after a random point of the table's key range; the point is the statement's next parameter. */
    private static String randomKey(String table, String key) {
        return "(SELECT t.%2$s FROM %1$s t WHERE t.%2$s >= (SELECT min(%2$s) + floor(?::float8 * (max(%2$s) - min(%2$s) + 1))::int FROM %1$s) ORDER BY t.%2$s LIMIT 1)"
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
