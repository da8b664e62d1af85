package io.tviewstudio.core.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The password file as libpq reads it: wildcards, escapes, comments, first match, permissions, location. */
class PgPassFileTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private PgPassFile file(String... lines) throws IOException {
        Path path = dir.resolve("pgpass");
        Files.write(path, List.of(lines));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return PgPassFile.read(path, warnings::add).orElseThrow();
    }

    @Test
    void firstMatchingLineWinsAndStarMatchesAnything() throws IOException {
        PgPassFile pgpass = file(
                "# comment:with:colons:x:nope",
                "",
                "db.example:5432:sales:alice:first",
                "*:5432:*:alice:second",
                "*:*:*:*:fallback");

        assertThat(pgpass.password("db.example", 5432, "sales", "alice")).contains("first");
        assertThat(pgpass.password("other", 5432, "hr", "alice")).contains("second");
        assertThat(pgpass.password("other", 6543, "hr", "bob")).contains("fallback");
        assertThat(warnings).isEmpty();
    }

    @Test
    void backslashEscapesColonAndBackslashAndAnEscapedStarIsLiteral() throws IOException {
        PgPassFile pgpass = file(
                "h:5432:db\\:1:u:pa\\:ss\\\\word",
                "h:5432:\\*:u:literal-star",
                "h:5432:other:u:ends:here");

        assertThat(pgpass.password("h", 5432, "db:1", "u")).contains("pa:ss\\word");
        assertThat(pgpass.password("h", 5432, "*", "u")).contains("literal-star");
        assertThat(pgpass.password("h", 5432, "anything", "u")).isEmpty();
        // As in libpq, the password ends at the next unescaped colon.
        assertThat(pgpass.password("h", 5432, "other", "u")).contains("ends");
    }

    @Test
    void linesWithFewerThanFiveFieldsAreIgnored() throws IOException {
        PgPassFile pgpass = file("h:5432:db:u", "h:5432:db:u:good");

        assertThat(pgpass.password("h", 5432, "db", "u")).contains("good");
    }

    @Test
    void aFileThatGroupOrOthersMayReadIsIgnoredWithAWarning() throws IOException {
        Path path = dir.resolve("pgpass");
        Files.write(path, List.of("*:*:*:*:secret"));
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(PgPassFile.read(path, warnings::add)).isEmpty();
        assertThat(warnings).containsExactly("password file " + path
                + " has group or world access; permissions should be u=rw (0600) or less; ignored");
    }

    @Test
    void aMissingFileIsNoPasswordAndNoWarning() throws IOException {
        assertThat(PgPassFile.read(dir.resolve("absent"), warnings::add)).isEqualTo(Optional.empty());
        assertThat(warnings).isEmpty();
    }

    @Test
    void locationIsPgpassfileElseDotPgpassInHome() {
        assertThat(PgPassFile.location(new Environment(Map.of(), dir))).isEqualTo(dir.resolve(".pgpass"));
        assertThat(PgPassFile.location(new Environment(Map.of("PGPASSFILE", "/etc/x/pw"), dir))).isEqualTo(Path.of("/etc/x/pw"));
        assertThat(PgPassFile.location(new Environment(Map.of("PGPASSFILE", ""), dir))).isEqualTo(dir.resolve(".pgpass"));
    }
}
