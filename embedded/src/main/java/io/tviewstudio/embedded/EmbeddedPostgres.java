package io.tviewstudio.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A throw-away PostgreSQL server on 127.0.0.1 for tests and the demo mode. It runs from the
 * binaries on the classpath, as an unprivileged account when the JVM is root, with settings
 * that trade durability for speed (fsync off), and removes its data directory when stopped.
 *
 * <p>Who may log in is chosen when it starts ({@link Authentication}): the test fixtures' servers
 * let every local connection in without a password ({@link Authentication#TRUST}); the demo's
 * server asks every connection for the superuser's password ({@link Authentication#PASSWORD}),
 * generated for this run and kept in memory and in {@link #passwordFile()}. Either way the
 * directory that holds the data, the log, the Unix socket and that file is the server account's
 * only (mode 0700).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

    /** How the server authenticates connections. */
    public enum Authentication {
        /**
         * No password: every connection to 127.0.0.1 (from any local account) logs in as any role.
         * Only for the test fixtures' throw-away servers, which log in as many roles without passwords.
         */
        TRUST,
        /**
         * {@code scram-sha-256} for every connection, TCP and Unix socket: the superuser's password is
         * generated per run ({@link SecureRandom}, 256 bits) and written to a password file of mode 0600.
         */
        PASSWORD
    }

    /** The password file's name in the server's private directory (libpq's pgpass format). */
    static final String PASSWORD_FILE = "pgpass";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Ports tried for a new server (see {@link #freePort()}), and starts tried when one was taken. */
    private static final int PORT_FLOOR = 20000;
    private static final int PORT_CEILING = 32000;
    private static final int PORT_ATTEMPTS = 5;
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    private static final List<String> SERVER_SETTINGS = List.of(
            "listen_addresses = '127.0.0.1'",
            "fsync = off",
            "synchronous_commit = off",
            "full_page_writes = off",
            "max_connections = 100",
            "max_prepared_transactions = 20",
            "shared_preload_libraries = 'pg_stat_statements'",
            "log_min_messages = warning",
            "log_min_error_statement = panic");

    private final PostgresBinaries binaries;
    private final ProcessRunner runner;
    private final Path baseDirectory;
    private final Path dataDirectory;
    private final Path socketDirectory;
    private int port;  // chosen again when another process took it before the server bound it
    private final String serverVersion;
    private final Authentication authentication;
    private final String superuserPassword;
    private final Thread shutdownHook;
    private Path passwordFile;
    private boolean stopped;

    private EmbeddedPostgres(PostgresBinaries binaries, ProcessRunner runner, Path baseDirectory,
                             int port, String serverVersion, Authentication authentication) {
        this.binaries = binaries;
        this.runner = runner;
        this.baseDirectory = baseDirectory;
        this.dataDirectory = baseDirectory.resolve("data");
        this.socketDirectory = baseDirectory.resolve("socket");
        this.port = port;
        this.serverVersion = serverVersion;
        this.authentication = authentication;
        this.superuserPassword = authentication == Authentication.PASSWORD ? newPassword() : null;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-shutdown");
    }

    /**
     * A test fixture's server: {@code start(Authentication.TRUST)}, every local connection logs in
     * without a password. Applications start theirs with {@link #start(Authentication)} and
     * {@link Authentication#PASSWORD}.
     */
    public static EmbeddedPostgres start() throws IOException {
        return start(Authentication.TRUST);
    }

    /** Unpacks the binaries if needed, creates a fresh cluster that authenticates as given, and starts it. */
    public static EmbeddedPostgres start(Authentication authentication) throws IOException {
        return start(authentication, List.of(), Map.of());
    }

    /**
     * Like {@link #start(Authentication)}, with more postgresql.conf lines, and files copied into the
     * data directory before the start, readable by the server's account only (a TLS key must be:
     * {@code ssl = on}, {@code ssl_cert_file = 'server.crt'}, {@code ssl_key_file = 'server.key'}).
     */
    public static EmbeddedPostgres start(Authentication authentication, List<String> extraSettings,
                                         Map<String, Path> dataFiles) throws IOException {
        PostgresBinaries binaries = PostgresBinaries.fromClasspath();
        ServerUser user = ServerUser.detect();
        ProcessRunner runner = new ProcessRunner(user);
        // Created with mode 0700 (Files.createTempDirectory on POSIX); the server account owns it.
        Path base = Files.createTempDirectory("tview-pg-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectory(base.resolve("socket"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        user.takeOwnership(base);
        String version = runner.run(base, 30, binaries.bin("postgres").toString(), "--version").trim();
        int port = freePort();
        EmbeddedPostgres server = new EmbeddedPostgres(binaries, runner, base, port, version, authentication);
        server.initAndStart(user, extraSettings, dataFiles);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        // base64url: no ':' or backslash (which a pgpass line would have to escape), no quotes, no spaces
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void initAndStart(ServerUser user, List<String> extraSettings, Map<String, Path> dataFiles) throws IOException {
        if (authentication == Authentication.PASSWORD) {
            initWithPassword(user);
        } else {
            runner.run(baseDirectory, 120, binaries.bin("initdb").toString(),
                    "-D", dataDirectory.toString(), "-U", SUPERUSER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
        }
        StringBuilder settings = new StringBuilder(System.lineSeparator())
                .append("# TVIEW Studio embedded server").append(System.lineSeparator())
                .append("port = ").append(port).append(System.lineSeparator())
                .append("unix_socket_directories = '").append(socketDirectory).append("'").append(System.lineSeparator())
                .append("unix_socket_permissions = 0700").append(System.lineSeparator());
        if (authentication == Authentication.PASSWORD) {
            settings.append("password_encryption = 'scram-sha-256'").append(System.lineSeparator());
        }
        SERVER_SETTINGS.forEach(line -> settings.append(line).append(System.lineSeparator()));
        extraSettings.forEach(line -> settings.append(line).append(System.lineSeparator()));
        Files.writeString(dataDirectory.resolve("postgresql.conf"), settings, StandardOpenOption.APPEND);
        for (Map.Entry<String, Path> file : dataFiles.entrySet()) {
            Path copy = dataDirectory.resolve(file.getKey());
            Files.copy(file.getValue(), copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }
        user.takeOwnership(dataDirectory);
        startOnAFreePort();
        if (authentication == Authentication.PASSWORD) {
            passwordFile = writePasswordFile();
        }
    }

    /**
     * Starts the server; when its port was taken between {@link #freePort()} and the server's bind
     * (another server starting, in a test JVM beside this one), on another port: a later
     * {@code port} line of postgresql.conf wins. Other failures are reported at once.
     */
    private void startOnAFreePort() throws IOException {
        Path log = logFile();
        for (int attempt = 1; ; attempt++) {
            long logged = Files.exists(log) ? Files.size(log) : 0;
            try {
                pgCtlStart();
                return;
            } catch (IOException e) {
                if (attempt == PORT_ATTEMPTS || !lostThePort(log, logged)) {
                    throw e;
                }
                port = freePort();
                Files.writeString(dataDirectory.resolve("postgresql.conf"),
                        "port = " + port + System.lineSeparator(), StandardOpenOption.APPEND);
            }
        }
    }

    /** Whether the log's lines after {@code from} say that the server could not bind its port. */
    private static boolean lostThePort(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(log);
        int start = (int) Math.min(from, bytes.length);
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).contains("Address already in use");
    }

    /**
     * initdb with scram-sha-256 for local and host connections; the superuser's password reaches it
     * through a file of mode 0600 owned by the server account, deleted as soon as initdb is done.
     */
    private void initWithPassword(ServerUser user) throws IOException {
        Path initdbPassword = baseDirectory.resolve("initdb-password");
        Files.writeString(Files.createFile(initdbPassword,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                superuserPassword + System.lineSeparator());
        try {
            user.takeOwnership(initdbPassword);
            runner.run(baseDirectory, 120, binaries.bin("initdb").toString(),
                    "-D", dataDirectory.toString(), "-U", SUPERUSER, "-A", "scram-sha-256",
                    "--pwfile=" + initdbPassword, "-E", "UTF8", "--locale=C", "--no-sync");
        } finally {
            Files.deleteIfExists(initdbPassword);
        }
    }

    /** The pgpass file for psql and libpq: this JVM's account owns it, mode 0600 from its creation. */
    private Path writePasswordFile() throws IOException {
        Path file = baseDirectory.resolve(PASSWORD_FILE);
        Files.deleteIfExists(file);
        String lines = "127.0.0.1:" + port + ":*:" + SUPERUSER + ":" + superuserPassword + System.lineSeparator()
                + "localhost:" + port + ":*:" + SUPERUSER + ":" + superuserPassword + System.lineSeparator()
                + socketDirectory + ":" + port + ":*:" + SUPERUSER + ":" + superuserPassword + System.lineSeparator();
        Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                lines);
        return file;
    }

    /**
     * A port that nothing listens on now, at random below Linux's ephemeral range (32768 and up by
     * default), from which the system picks the local ports of outgoing connections and of
     * {@code new ServerSocket(0)}: a port from there could be taken by any connection a test
     * opens before the server binds it. If none is found there, one the system picks.
     */
    private static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            int candidate = PORT_FLOOR + RANDOM.nextInt(PORT_CEILING - PORT_FLOOR);
            try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                return candidate;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The server's own version line, e.g. {@code postgres (PostgreSQL) 17.6}. */
    public String serverVersion() {
        return serverVersion;
    }

    public Path logFile() {
        return baseDirectory.resolve("postgres.log");
    }

    public Authentication authentication() {
        return authentication;
    }

    /** The superuser's password of a {@link Authentication#PASSWORD} server; empty for a trusting one. */
    public Optional<String> superuserPassword() {
        return Optional.ofNullable(superuserPassword);
    }

    /**
     * The password file (libpq's pgpass format, mode 0600, in the server's private directory) of a
     * {@link Authentication#PASSWORD} server, for {@code PGPASSFILE}; empty for a trusting one.
     */
    public Optional<Path> passwordFile() {
        return Optional.ofNullable(passwordFile);
    }

    /** The directory of the server's Unix socket (mode 0700, the server account's). */
    public Path socketDirectory() {
        return socketDirectory;
    }

    /**
     * The shell command that opens psql on a database as the superuser, e.g.
     * {@code PGPASSFILE=/tmp/tview-pg-1/pgpass psql -h 127.0.0.1 -p 5433 -U postgres tview_demo}.
     * It names where the password is, never the password itself.
     */
    public String psqlCommand(String database) {
        String psql = "psql -h 127.0.0.1 -p " + port + " -U " + SUPERUSER + " " + shellQuote(database);
        return passwordFile == null ? psql : "PGPASSFILE=" + shellQuote(passwordFile.toString()) + " " + psql;
    }

    private static String shellQuote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser to the given database (with its password on a {@link Authentication#PASSWORD} server). */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword == null ? "" : superuserPassword);
    }

    /**
     * A connection as the given role without a password: works on a {@link Authentication#TRUST}
     * server; a {@link Authentication#PASSWORD} server refuses it unless the role is the superuser.
     */
    public Connection connect(String database, String role) throws SQLException {
        if (SUPERUSER.equals(role)) {
            return connect(database);
        }
        return DriverManager.getConnection(jdbcUrl(database), role, "");
    }

    /**
     * Ends the server as a power cut or the OOM killer would: SIGKILL to the postmaster, no
     * shutdown checkpoint. Its backends notice that their postmaster is gone and exit; those still
     * running after a few seconds are killed too. The data directory stays, for {@link #startAgain()}.
     */
    public synchronized void crash() throws IOException {
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        awaitExit(List.of(postmaster), 10);
        if (!awaitExit(children, 10)) {
            children.forEach(ProcessHandle::destroyForcibly);
            awaitExit(children, 10);
        }
    }

    /** Starts the server again on its data directory (after {@link #crash()}: with crash recovery). */
    public synchronized void startAgain() throws IOException {
        pgCtlStart();
    }

    /** {@code pg_ctl start} on the data directory, logging to {@link #logFile()}, waiting up to 60 s. */
    private void pgCtlStart() throws IOException {
        runner.run(baseDirectory, 120, binaries.bin("pg_ctl").toString(),
                "-D", dataDirectory.toString(), "-l", logFile().toString(), "-w", "-t", "60", "start");
    }

    /**
     * Stops the server the way an administrator's restart does ({@code pg_ctl -m fast}: open
     * transactions are rolled back, sessions are disconnected, a shutdown checkpoint is written) and
     * starts it again on the same port and data.
     */
    public synchronized void restart() throws IOException {
        stopFast();
        startAgain();
    }

    /** Stops the server with {@code pg_ctl -m fast}, keeping its data for {@link #startAgain()}. */
    public synchronized void stopFast() throws IOException {
        runner.run(baseDirectory, 120, binaries.bin("pg_ctl").toString(),
                "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    private ProcessHandle postmaster() throws IOException {
        // First line of postmaster.pid; readable to root, and to the account that runs the server.
        long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IOException("no postmaster process " + pid));
    }

    private static boolean awaitExit(List<ProcessHandle> processes, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public synchronized void stop() throws IOException {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            runner.run(baseDirectory, 60, binaries.bin("pg_ctl").toString(),
                    "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            ProcessRunner.runAsIs("rm", "-rf", baseDirectory.toString());
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException ignored) {
            // The JVM is exiting; nothing useful can be done with the failure.
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // Already shutting down: the hook runs anyway and finds the server stopped.
        }
    }
}
