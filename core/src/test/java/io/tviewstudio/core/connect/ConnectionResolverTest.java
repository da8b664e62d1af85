package io.tviewstudio.core.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** libpq's order: explicit options, then the service file, then PG* variables, then defaults; passwords likewise. */
class ConnectionResolverTest {

    @TempDir
    Path home;

    private final Map<String, String> variables = new HashMap<>();

    private ResolvedConnection resolve(ConnectionSpec spec) throws ConnectionFailure {
        return new ConnectionResolver(new Environment(variables, home)).resolve(spec);
    }

    private static ConnectionSpec parts(String host, Integer port, String database, String user) {
        return new ConnectionSpec(null, host, port, database, user, null, null, null, null);
    }

    @Test
    void defaultsAreLocalhost5432AndTheUserAsDatabase() throws ConnectionFailure {
        ResolvedConnection resolved = resolve(parts(null, null, null, "alice"));

        assertThat(resolved.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/alice");
        assertThat(resolved.target()).isEqualTo("alice@localhost:5432/alice");
        assertThat(resolved.properties().getProperty("connectTimeout")).isEqualTo("10");
        assertThat(resolved.passwordSource()).isEqualTo(PasswordSource.NONE);
    }

    @Test
    void explicitOptionsWinOverEnvironmentVariables() throws ConnectionFailure {
        variables.putAll(Map.of("PGHOST", "envhost", "PGPORT", "6000", "PGDATABASE", "envdb", "PGUSER", "envuser",
                "PGSSLMODE", "require", "PGCONNECT_TIMEOUT", "3"));

        ResolvedConnection fromEnvironment = resolve(ConnectionSpec.defaults());
        ResolvedConnection explicit = resolve(new ConnectionSpec(null, "h", 7000, "db", "u", null, "disable", null, 0));

        assertThat(fromEnvironment.target()).isEqualTo("envuser@envhost:6000/envdb");
        assertThat(fromEnvironment.properties().getProperty("sslmode")).isEqualTo("require");
        assertThat(fromEnvironment.properties().getProperty("loginTimeout")).isEqualTo("3");
        assertThat(explicit.target()).isEqualTo("u@h:7000/db");
        assertThat(explicit.properties().getProperty("sslmode")).isEqualTo("disable");
        assertThat(explicit.properties().getProperty("loginTimeout")).isNull();
    }

    @Test
    void serviceFileWinsOverEnvironmentButNotOverOptions() throws IOException, ConnectionFailure {
        Files.writeString(home.resolve(".pg_service.conf"), """
                # services
                [other]
                host=wrong
                [sales]
                host = sales.example
                port=5433
                dbname=sales
                user=reporter
                password=from-service
                """);
        variables.put("PGHOST", "envhost");
        variables.put("PGSERVICE", "sales");

        ResolvedConnection resolved = resolve(parts(null, null, "override", null));

        assertThat(resolved.target()).isEqualTo("reporter@sales.example:5433/override");
        assertThat(resolved.passwordSource()).isEqualTo(PasswordSource.SERVICE_FILE);
        assertThat(resolved.properties().getProperty("password")).isEqualTo("from-service");
    }

    @Test
    void rootCertificateComesFromTheOptionThenTheServiceThenPgsslrootcert() throws IOException, ConnectionFailure {
        Path option = Files.writeString(home.resolve("option.pem"), "");
        Path service = Files.writeString(home.resolve("service.pem"), "");
        Path environment = Files.writeString(home.resolve("environment.pem"), "");
        Files.writeString(home.resolve(".pg_service.conf"), "[sales]\nhost=db.example\nsslrootcert=" + service + "\n");
        variables.put("PGSSLROOTCERT", environment.toString());
        variables.put("PGSSLMODE", "verify-full");

        ConnectionSpec bare = parts(null, null, null, null);
        assertThat(resolve(bare).properties().getProperty("sslrootcert")).isEqualTo(environment.toString());
        ConnectionSpec viaService = new ConnectionSpec(null, null, null, null, null, null, null, "sales", null);
        assertThat(resolve(viaService).properties().getProperty("sslrootcert")).isEqualTo(service.toString());
        assertThat(resolve(viaService.withSslRootCert(option.toString())).properties().getProperty("sslrootcert"))
                .isEqualTo(option.toString());
    }

    @Test
    void unknownServiceIsAnInvalidSetting() {
        assertThatThrownBy(() -> resolve(new ConnectionSpec(null, null, null, null, null, null, null, "nope", null)))
                .isInstanceOfSatisfying(ConnectionFailure.class, failure -> {
                    assertThat(failure.category()).isEqualTo(FailureCategory.INVALID_SETTINGS);
                    assertThat(failure.getMessage()).isEqualTo("definition of service \"nope\" not found");
                });
    }

    @Test
    void passwordOrderIsExplicitThenPgpasswordThenPasswordFile() throws IOException, ConnectionFailure {
        Path pgpass = home.resolve(".pgpass");
        Files.writeString(pgpass, "db.example:5432:sales:alice:from-file\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        ConnectionSpec spec = parts("db.example", null, "sales", "alice");

        ResolvedConnection fromFile = resolve(spec);
        variables.put("PGPASSWORD", "from-env");
        ResolvedConnection fromEnvironment = resolve(spec);
        ResolvedConnection explicit = resolve(spec.withPassword("s3cr3t"));

        assertThat(fromFile.passwordSource()).isEqualTo(PasswordSource.PASSWORD_FILE);
        assertThat(fromFile.passwordDescription()).isEqualTo("from the password file " + pgpass);
        assertThat(fromFile.properties().getProperty("password")).isEqualTo("from-file");
        assertThat(fromEnvironment.passwordSource()).isEqualTo(PasswordSource.PGPASSWORD);
        assertThat(fromEnvironment.properties().getProperty("password")).isEqualTo("from-env");
        assertThat(explicit.passwordSource()).isEqualTo(PasswordSource.EXPLICIT);
        assertThat(explicit.properties().getProperty("password")).isEqualTo("s3cr3t");
        assertThat(explicit.toString()).doesNotContain("s3cr3t");
        assertThat(spec.withPassword("s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void aUrlIsUsedAsGivenAndItsPartsNameTheTarget() throws ConnectionFailure {
        variables.put("PGHOST", "ignored");

        ResolvedConnection resolved = resolve(new ConnectionSpec("jdbc:postgresql://db.example:6432/sales?user=bob",
                null, null, null, null, null, null, null, null));

        assertThat(resolved.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6432/sales?user=bob");
        assertThat(resolved.target()).isEqualTo("bob@db.example:6432/sales");
    }

    @Test
    void badSettingsAreRefusedBeforeConnecting() {
        record Case(ConnectionSpec spec, String message) {
        }
        variables.put("PGPORT", "54x");
        List<Case> cases = List.of(
                new Case(new ConnectionSpec(null, "h", 1, "d", "u", null, "sometimes", null, null), "invalid sslmode \"sometimes\""),
                new Case(parts("h", null, "d", "u"), "invalid port number \"54x\""),
                new Case(parts("/var/run/postgresql", 1, "d", "u"),
                        "host /var/run/postgresql is a Unix-domain socket directory; tviews connects over TCP only"),
                new Case(ConnectionSpec.ofUrl("postgresql://h/d"), "not a PostgreSQL JDBC URL: postgresql://h/d"));
        for (Case c : cases) {
            assertThatThrownBy(() -> resolve(c.spec())).isInstanceOfSatisfying(ConnectionFailure.class, failure -> {
                assertThat(failure.category()).isEqualTo(FailureCategory.INVALID_SETTINGS);
                assertThat(failure.getMessage()).isEqualTo(c.message());
            });
        }
    }
}
