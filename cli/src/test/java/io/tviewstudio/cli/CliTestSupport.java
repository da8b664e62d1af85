package io.tviewstudio.cli;

import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Runs tviews in-process against a test database given by PG* variables; files in a temporary home. */
abstract class CliTestSupport {

    @TempDir
    Path home;

    TestDatabase db;

    @AfterEach
    void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    Map<String, String> environment() {
        Map<String, String> variables = new HashMap<>();
        variables.put("PGHOST", "127.0.0.1");
        variables.put("PGPORT", Integer.toString(db.server().port()));
        variables.put("PGUSER", "postgres");
        variables.put("PGDATABASE", db.name());
        return variables;
    }

    CliRun tviews(String... args) {
        return CliRun.run(environment(), home, args);
    }

    Path file(String name, String text) throws IOException {
        return Files.writeString(home.resolve(name), text);
    }

    String target() {
        return "postgres@127.0.0.1:" + db.server().port() + "/" + db.name();
    }

}
