package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.cli.TviewsCli;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.embedded.EmbeddedPostgres;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.PasswordRole;
import io.tviewstudio.core.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day of use with a password-protected role, through the app's real connection code (the connect
 * dialog's view model, the profile store, DatabaseSession) and the tviews CLI: save profiles, connect,
 * reconnect, fail with a wrong password, put the password into a URL, export a playbook with
 * PGPASSWORD. Then every file under the app's home (configuration and data directories), the
 * playbook (inside its zip too), everything printed (the CLI's and the JVM's stdout and stderr, the
 * app's only logs) and every message the dialog showed is searched for the password, its base64,
 * URL-encoded and JSON-escaped forms: none may appear.
 */
class CredentialsDayOfUseTest {

    private static final String WRONG_PASSWORD = "Tr0ub4dor&3-not-it";

    @TempDir
    Path home;

    private TestDatabase db;
    private EmbeddedPostgres server;
    private Environment environment;
    private final List<String> shown = new ArrayList<>();
    private final StringWriter printed = new StringWriter();
    private final ByteArrayOutputStream jvmOutput = new ByteArrayOutputStream();
    private PrintStream systemOut;
    private PrintStream systemErr;

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = PasswordRole.ensure();
        db = BlogSchema.withTviews();
        db.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + PasswordRole.NAME);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        variables.put("XDG_DATA_HOME", home.resolve("data").toString());
        environment = new Environment(variables, home);
        systemOut = System.out;
        systemErr = System.err;
        PrintStream capture = new PrintStream(jvmOutput, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    @AfterEach
    void tearDown() throws Exception {
        System.setOut(systemOut);
        System.setErr(systemErr);
        db.close();
    }

    @Test
    void noPasswordIsWrittenOrShownAnywhere() throws Exception {
        ProfileStore store = ProfileStore.inConfigDirectory(environment);
        List<DatabaseSession> sessions = new ArrayList<>();

        // Morning: a new profile with the typed password, saved; connected.
        ConnectionDialogViewModel dialog = dialog(store, sessions);
        FxThread.run(() -> {
            dialog.hostProperty().set("127.0.0.1");
            dialog.portProperty().set(Integer.toString(server.port()));
            dialog.databaseProperty().set(db.name());
            dialog.userProperty().set(PasswordRole.NAME);
            dialog.passwordProperty().set(PasswordRole.PASSWORD);
            dialog.profileNameProperty().set("work");
            dialog.saveProfileProperty().set(true);
        });
        connect(dialog);
        assertThat(dialog.connectedProperty().get()).as(dialog.errorMessageProperty().get()).isTrue();

        // The link drops; the session logs in again with the password it keeps in memory.
        sessions.getLast().reconnect().get();

        // After lunch: the saved profile, password typed again.
        ConnectionProfile work = store.load().stream().filter(p -> p.name().equals("work")).findFirst().orElseThrow();
        ConnectionDialogViewModel again = dialog(store, sessions);
        FxThread.run(() -> {
            again.fill(work);
            assertThat(again.passwordProperty().get()).isEmpty();
            again.passwordProperty().set(PasswordRole.PASSWORD);
        });
        connect(again);
        assertThat(again.connectedProperty().get()).isTrue();

        // A typo in the password.
        ConnectionDialogViewModel typo = dialog(store, sessions);
        FxThread.run(() -> {
            typo.fill(work);
            typo.passwordProperty().set(WRONG_PASSWORD);
        });
        connect(typo);
        assertThat(typo.connectedProperty().get()).isFalse();
        assertThat(typo.errorMessageProperty().get()).isEqualTo("password authentication failed for user \""
                + PasswordRole.NAME + "\" at 127.0.0.1:" + server.port() + " (password given explicitly)");

        // The password pasted into a JDBC URL, saved as a profile: it connects, and is saved without it.
        String urlWithPassword = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + db.name() + "?user="
                + PasswordRole.NAME + "&password=" + URLEncoder.encode(PasswordRole.PASSWORD, StandardCharsets.UTF_8)
                + "&ApplicationName=studio";
        ConnectionDialogViewModel byUrl = dialog(store, sessions);
        FxThread.run(() -> {
            byUrl.useUrlProperty().set(true);
            byUrl.urlProperty().set(urlWithPassword);
            byUrl.saveProfileProperty().set(true);
        });
        connect(byUrl);
        assertThat(byUrl.connectedProperty().get()).as(byUrl.errorMessageProperty().get()).isTrue();
        assertThat(store.load()).extracting(ConnectionProfile::url).contains("jdbc:postgresql://127.0.0.1:" + server.port()
                + "/" + db.name() + "?user=" + PasswordRole.NAME + "&ApplicationName=studio");

        // A libpq URI with the password, which the app does not take: the error quotes it masked.
        ConnectionDialogViewModel uri = dialog(store, sessions);
        FxThread.run(() -> {
            uri.useUrlProperty().set(true);
            uri.urlProperty().set("postgresql://" + PasswordRole.NAME + ":" + PasswordRole.PASSWORD + "@127.0.0.1/" + db.name());
        });
        connect(uri);
        assertThat(uri.errorMessageProperty().get()).isEqualTo("not a PostgreSQL JDBC URL: postgresql://"
                + PasswordRole.NAME + ":***@127.0.0.1/" + db.name());

        // Evening: the CLI with PGPASSWORD, and a playbook export.
        Map<String, String> cli = new LinkedHashMap<>(environment.variables());
        cli.put("PGHOST", "127.0.0.1");
        cli.put("PGPORT", Integer.toString(server.port()));
        cli.put("PGUSER", PasswordRole.NAME);
        cli.put("PGDATABASE", db.name());
        cli.put("PGPASSWORD", PasswordRole.PASSWORD);
        Path playbook = home.resolve("data").resolve("playbooks").resolve("today");
        assertThat(tviews(cli, "status")).isZero();
        assertThat(tviews(cli, "playbook", "export", playbook.toString(), "--zip")).isZero();
        cli.put("PGPASSWORD", WRONG_PASSWORD);
        assertThat(tviews(cli, "status")).isNotZero();
        cli.remove("PGPASSWORD");
        assertThat(tviews(cli, "status", "--url", urlWithPassword)).isZero();
        assertThat(tviews(cli, "status", "--url", "jdbc:postgresql://no-such-host.invalid:1/x?password="
                + URLEncoder.encode(PasswordRole.PASSWORD, StandardCharsets.UTF_8))).isNotZero();
        assertThat(tviews(cli, "status", "--url", "postgresql://u:" + PasswordRole.PASSWORD + "@127.0.0.1/x")).isNotZero();
        sessions.forEach(DatabaseSession::close);

        Map<String, String> evidence = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                evidence.put(home.relativize(file).toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
                if (file.toString().endsWith(".zip")) {
                    evidence.putAll(zipEntries(file));
                }
            }
        }
        assertThat(evidence.keySet()).as("files written during the day").anyMatch(name -> name.endsWith("profiles.json"))
                .anyMatch(name -> name.contains("playbooks"));
        evidence.put("printed by tviews", printed.toString());
        evidence.put("stdout and stderr of the JVM", jvmOutput.toString(StandardCharsets.UTF_8));
        evidence.put("messages the app showed", String.join("\n", shown));

        for (String secret : List.of(PasswordRole.PASSWORD, WRONG_PASSWORD)) {
            for (String form : forms(secret)) {
                evidence.forEach((where, text) -> assertThat(text).as("%s must not contain %s", where, form).doesNotContain(form));
            }
        }
    }

    /** The password as it could be written: plain, base64, URL-encoded, JSON-escaped, Latin-1 bytes of UTF-8. */
    private static List<String> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret,
                Base64.getEncoder().encodeToString(utf8),
                Base64.getUrlEncoder().withoutPadding().encodeToString(utf8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8),
                URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"),
                secret.replace("\\", "\\\\").replace("\"", "\\\""));
    }

    private ConnectionDialogViewModel dialog(ProfileStore store, List<DatabaseSession> sessions) {
        return new ConnectionDialogViewModel((spec, label) -> {
            DatabaseSession session = DatabaseSession.open(spec, environment, label);
            sessions.add(session);
            return session;
        }, store, Runnable::run, Platform::runLater, session -> { });
    }

    private void connect(ConnectionDialogViewModel dialog) {
        AtomicReference<String> progress = new AtomicReference<>();
        FxThread.run(() -> {
            dialog.connect();
            progress.set(dialog.progressTextProperty().get());
        });
        FxThread.waitUntil(30, () -> !dialog.connectingProperty().get());
        FxThread.run(() -> {
            shown.add(progress.get());
            shown.add(dialog.progressTextProperty().get());
            shown.add(dialog.errorHeadlineProperty().get());
            shown.add(dialog.errorMessageProperty().get());
            shown.add(dialog.errorHintProperty().get());
            dialog.savedProfiles().forEach(profile -> shown.add(profile + " " + profile.target()));
        });
    }

    private int tviews(Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TviewsCli.execute(args, new Environment(variables, home), new PrintWriter(out), new PrintWriter(err));
        // The command line is the user's own typing, not something tviews wrote: only the command name is kept.
        printed.append("$ tviews ").append(args[0]).append('\n').append(out.toString()).append(err.toString());
        return exit;
    }

    private static Map<String, String> zipEntries(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(zip.getFileName() + "!" + entry.getName(), new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        return entries;
    }
}
