package io.tviewstudio.core.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A throw-away PostgreSQL server on 127.0.0.1 for tests and the demo mode. It runs from the
 * binaries on the classpath, as an unprivileged account when the JVM is root, with settings
 * that trade durability for speed (fsync off), and removes its data directory when stopped.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String SUPERUSER = "postgres";

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
    private final int port;
    private final String serverVersion;
    private final Thread shutdownHook;
    private boolean stopped;

    private EmbeddedPostgres(PostgresBinaries binaries, ProcessRunner runner, Path baseDirectory,
                             int port, String serverVersion) {
        this.binaries = binaries;
        this.runner = runner;
        this.baseDirectory = baseDirectory;
        this.dataDirectory = baseDirectory.resolve("data");
        this.port = port;
        this.serverVersion = serverVersion;
        this.shutdownHook = new Thread(this::stopQuietly, "embedded-postgres-shutdown");
    }

    /** Unpacks the binaries if needed, creates a fresh cluster and starts it. */
    public static EmbeddedPostgres start() throws IOException {
        return start(List.of(), Map.of());
    }

    /**
     * Like {@link #start()}, with more postgresql.conf lines, and files copied into the data directory
     * before the start, readable by the server's account only (a TLS key must be: {@code ssl = on},
     * {@code ssl_cert_file = 'server.crt'}, {@code ssl_key_file = 'server.key'}).
     */
    public static EmbeddedPostgres start(List<String> extraSettings, Map<String, Path> dataFiles) throws IOException {
        PostgresBinaries binaries = PostgresBinaries.fromClasspath();
        ServerUser user = ServerUser.detect();
        ProcessRunner runner = new ProcessRunner(user);
        Path base = Files.createTempDirectory("tview-pg-");
        base.toFile().setExecutable(true, false);
        user.takeOwnership(base);
        String version = runner.run(base, 30, binaries.bin("postgres").toString(), "--version").trim();
        int port = freePort();
        EmbeddedPostgres server = new EmbeddedPostgres(binaries, runner, base, port, version);
        server.initAndStart(user, extraSettings, dataFiles);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        return server;
    }

    private void initAndStart(ServerUser user, List<String> extraSettings, Map<String, Path> dataFiles) throws IOException {
        runner.run(baseDirectory, 120, binaries.bin("initdb").toString(),
                "-D", dataDirectory.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync");
        StringBuilder settings = new StringBuilder(System.lineSeparator())
                .append("# TVIEW Studio embedded server").append(System.lineSeparator())
                .append("port = ").append(port).append(System.lineSeparator())
                .append("unix_socket_directories = '").append(baseDirectory).append("'").append(System.lineSeparator());
        SERVER_SETTINGS.forEach(line -> settings.append(line).append(System.lineSeparator()));
        extraSettings.forEach(line -> settings.append(line).append(System.lineSeparator()));
        Files.writeString(dataDirectory.resolve("postgresql.conf"), settings, StandardOpenOption.APPEND);
        for (Map.Entry<String, Path> file : dataFiles.entrySet()) {
            Path copy = dataDirectory.resolve(file.getKey());
            Files.copy(file.getValue(), copy, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }
        user.takeOwnership(dataDirectory);
        runner.run(baseDirectory, 120, binaries.bin("pg_ctl").toString(),
                "-D", dataDirectory.toString(), "-l", baseDirectory.resolve("postgres.log").toString(),
                "-w", "-t", "60", "start");
    }

    private static int freePort() throws IOException {
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

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the superuser to the given database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, "");
    }

    /** A connection as the given role (trust authentication: no password needed). */
    public Connection connect(String database, String role) throws SQLException {
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
        runner.run(baseDirectory, 120, binaries.bin("pg_ctl").toString(),
                "-D", dataDirectory.toString(), "-l", baseDirectory.resolve("postgres.log").toString(),
                "-w", "-t", "60", "start");
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
