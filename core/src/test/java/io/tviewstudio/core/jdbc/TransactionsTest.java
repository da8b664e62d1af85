package io.tviewstudio.core.jdbc;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionsTest {

    private static TestDatabase db;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = TestDatabase.empty();
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        db.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        db.execute("DROP TABLE IF EXISTS t; CREATE TABLE t (v int)");
    }

    private static long rows() throws SQLException {
        return (Long) db.scalar("SELECT count(*) FROM t");
    }

    @Test
    void committedWorkStaysAndAutoCommitIsBack() throws SQLException {
        Connection connection = db.connection();

        int result = Transactions.inTransaction(connection, () -> {
            TestDatabase.execute(connection, "INSERT INTO t VALUES (1), (2)");
            return 2;
        });

        assertThat(result).isEqualTo(2);
        assertThat(rows()).isEqualTo(2);
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aFailureRollsEverythingBackAndIsRethrownAsItWas() throws SQLException {
        Connection connection = db.connection();

        assertThatThrownBy(() -> Transactions.inTransaction(connection, () -> {
            TestDatabase.execute(connection, "INSERT INTO t VALUES (1)");
            TestDatabase.execute(connection, "INSERT INTO t VALUES ('x')");
            return null;
        })).isInstanceOf(SQLException.class).hasMessageContaining("invalid input syntax");

        assertThat(rows()).isZero();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aCheckedExceptionOfTheWorkRollsBackToo() throws SQLException {
        Connection connection = db.connection();

        assertThatThrownBy(() -> Transactions.inTransaction(connection, () -> {
            TestDatabase.execute(connection, "INSERT INTO t VALUES (1)");
            throw new IOException("the file is gone");
        })).isInstanceOf(IOException.class);

        assertThat(rows()).isZero();
        assertThat(connection.getAutoCommit()).isTrue();
    }

    @Test
    void aRolledBackTransactionChangesNothingButReturnsItsResult() throws SQLException {
        Connection connection = db.connection();

        long seen = Transactions.inRolledBackTransaction(connection, () -> {
            TestDatabase.execute(connection, "INSERT INTO t VALUES (1)");
            return (Long) TestDatabase.scalar(connection, "SELECT count(*) FROM t");
        });

        assertThat(seen).isEqualTo(1);
        assertThat(rows()).isZero();
    }

    @Test
    void theResultDecidesWhetherToCommit() throws SQLException {
        Connection connection = db.connection();

        Transactions.inTransaction(connection, () -> {
            TestDatabase.execute(connection, "INSERT INTO t VALUES (1)");
            return false;
        }, keep -> keep);
        Transactions.inTransaction(connection, () -> {
            TestDatabase.execute(connection, "INSERT INTO t VALUES (2)");
            return true;
        }, keep -> keep);

        assertThat(db.column("SELECT v::text FROM t")).containsExactly("2");
    }

    @Test
    void aLostConnectionReportsTheOriginalErrorNotTheFailedRollback() throws SQLException {
        try (Connection victim = db.connect()) {
            int pid = ((Number) TestDatabase.scalar(victim, "SELECT pg_backend_pid()")).intValue();

            assertThatThrownBy(() -> Transactions.inTransaction(victim, () -> {
                TestDatabase.execute(victim, "INSERT INTO t VALUES (1)");
                db.execute("SELECT pg_terminate_backend(" + pid + ")");
                TestDatabase.execute(victim, "INSERT INTO t VALUES (2)");
                return null;
            })).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(DatabaseError.of(e).connectionLost()).as(e.toString()).isTrue());

            assertThat(rows()).isZero();
        }
    }
}
