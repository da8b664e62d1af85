package io.tviewstudio.tools.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * One kind of write the benchmark times. Every variant runs the same sequence of writes for a
 * scenario: the keys come from the iteration number and a random generator seeded per scenario, so
 * the floor and each alternative change exactly the same rows.
 */
public enum Scenario {

    PRODUCT_UPDATE("product-update", "UPDATE one product (its document; its 2 reviews' documents recomputed)",
            List.of("product", "review")) {
        @Override
        Touched write(Connection connection, Step step) throws SQLException {
            int product = 1 + step.random().nextInt(step.size().products());
            update(connection, "UPDATE tb_product SET price = price + 1 WHERE pk_product = ?", product);
            return new Touched(product, product);
        }

        @Override
        void refreshByHand(Connection connection, Touched touched) throws SQLException {
            call(connection, "SELECT bench_refresh_products(ARRAY[?])", touched.key());
        }
    },
    CATEGORY_UPDATE("category-update", "UPDATE one category (cascade: 10 products, 20 reviews)",
            List.of("category", "product", "review")) {
        @Override
        Touched write(Connection connection, Step step) throws SQLException {
            int category = 1 + step.random().nextInt(step.size().categories());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE tb_category SET name = 'category ' || pk_category || ' #' || ? WHERE pk_category = ?")) {
                update.setInt(1, step.iteration());
                update.setInt(2, category);
                update.executeUpdate();
            }
            return new Touched(category, 0);
        }

        @Override
        void refreshByHand(Connection connection, Touched touched) throws SQLException {
            call(connection, "SELECT bench_refresh_category(?)", touched.key());
        }
    },
    REVIEW_INSERT("review-insert", "INSERT one review (its document and its product's aggregate)",
            List.of("product", "review")) {
        @Override
        Touched write(Connection connection, Step step) throws SQLException {
            Random random = step.random();
            int product = 1 + random.nextInt(step.size().products());
            int user = 1 + random.nextInt(step.size().users());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tb_review (fk_product, fk_user, rating, body) VALUES (?, ?, ?, 'new review') "
                            + "RETURNING pk_review")) {
                insert.setInt(1, product);
                insert.setInt(2, user);
                insert.setInt(3, 1 + random.nextInt(5));
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    return new Touched(rows.getInt(1), product);
                }
            }
        }

        @Override
        void refreshByHand(Connection connection, Touched touched) throws SQLException {
            call(connection, "SELECT bench_refresh_review(?, ?)", touched.key(), touched.product());
        }
    },
    REVIEW_DELETE("review-delete", "DELETE one review (its document and its product's aggregate)",
            List.of("product", "review")) {
        @Override
        Touched write(Connection connection, Step step) throws SQLException {
            int review = distinctReview(step);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tb_review WHERE pk_review = ? RETURNING fk_product")) {
                delete.setInt(1, review);
                try (ResultSet rows = delete.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("review " + review + " was already deleted: more iterations "
                                + "than reviews (" + step.size().reviews() + ")");
                    }
                    return new Touched(review, rows.getInt(1));
                }
            }
        }

        @Override
        void refreshByHand(Connection connection, Touched touched) throws SQLException {
            call(connection, "SELECT bench_refresh_review(?, ?)", touched.key(), touched.product());
        }
    },
    BULK_UPDATE_1("bulk-update-1pct", "UPDATE 1% of products in one statement", List.of("product", "review")) {
        @Override
        Touched write(Connection connection, Step step) throws SQLException {
            return bulkUpdate(connection, 100, step.iteration() % 100);
        }

        @Override
        void refreshByHand(Connection connection, Touched touched) throws SQLException {
            refreshBulk(connection, 100, touched.key());
        }
    },
    BULK_UPDATE_10("bulk-update-10pct", "UPDATE 10% of products in one statement", List.of("product", "review")) {
        @Override
        Touched write(Connection connection, Step step) throws SQLException {
            return bulkUpdate(connection, 10, step.iteration() % 10);
        }

        @Override
        void refreshByHand(Connection connection, Touched touched) throws SQLException {
            refreshBulk(connection, 10, touched.key());
        }
    };

    private final String key;
    private final String description;
    private final List<String> documents;

    Scenario(String key, String description, List<String> documents) {
        this.key = key;
        this.description = description;
        this.documents = documents;
    }

    /** The name on the command line and in reports, e.g. {@code product-update}. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The documents (category, product, review) whose read models this write can change, in dependency order. */
    public List<String> documents() {
        return documents;
    }

    /** Performs the write (in the connection's current transaction mode) and says what it changed. */
    abstract Touched write(Connection connection, Step step) throws SQLException;

    /** The "manual" variant's follow-up: calls the hand-written refresh function for what was written. */
    abstract void refreshByHand(Connection connection, Touched touched) throws SQLException;

    public static Scenario fromKey(String key) {
        for (Scenario scenario : values()) {
            if (scenario.key.equals(key)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario \"" + key + "\"; scenarios: " + keys());
    }

    static String keys() {
        StringBuilder keys = new StringBuilder();
        for (Scenario scenario : values()) {
            keys.append(keys.isEmpty() ? "" : ", ").append(scenario.key);
        }
        return keys.toString();
    }

    /** What one write changed: its key (the row, or the bulk statement's remainder) and the review's product. */
    record Touched(int key, int product) {
    }

    /** The n-th write of a scenario. */
    record Step(int iteration, Random random, ShopSize size) {
    }

    /**
     * The n-th deleted review: a stride through the initial reviews that visits each once, so that
     * warm-up and repetitions never pick a review that is gone.
     */
    static int distinctReview(Step step) {
        int reviews = step.size().reviews();
        long stride = reviews % 7919 == 0 ? 7907 : 7919;
        return 1 + (int) ((step.iteration() * stride) % reviews);
    }

    private static void update(Connection connection, String sql, int key) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setInt(1, key);
            update.executeUpdate();
        }
    }

    private static Touched bulkUpdate(Connection connection, int modulus, int remainder) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE tb_product SET price = price + 1 WHERE pk_product % ? = ?")) {
            update.setInt(1, modulus);
            update.setInt(2, remainder);
            update.executeUpdate();
        }
        return new Touched(remainder, 0);
    }

    private static void refreshBulk(Connection connection, int modulus, int remainder) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(
                "SELECT bench_refresh_products(ARRAY(SELECT pk_product FROM tb_product WHERE pk_product % ? = ?))")) {
            call.setInt(1, modulus);
            call.setInt(2, remainder);
            call.execute();
        }
    }

    private static void call(Connection connection, String sql, int... arguments) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                call.setInt(i + 1, arguments[i]);
            }
            call.execute();
        }
    }
}
