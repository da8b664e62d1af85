package io.tviewstudio.core.testing;

import io.tviewstudio.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of its own with ssl = on, and certificates made for it with the openssl
 * command: a CA, a server certificate signed by it for CN and subjectAltName DNS:localhost only,
 * and an unrelated CA. Started on first use, once per test JVM; {@link #available()} is false when
 * openssl is not installed.
 */
public final class TlsServer {

    private static TlsServer instance;

    private final Path directory;
    private final EmbeddedPostgres server;

    private TlsServer(Path directory, EmbeddedPostgres server) {
        this.directory = directory;
        this.server = server;
    }

    public static boolean available() {
        try {
            return openssl(Path.of("."), "version") == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static synchronized TlsServer get() {
        if (instance == null) {
            try {
                Path directory = Files.createTempDirectory("tview-tls-");
                String caExtensions = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign";
                certificate(directory, "ca", "/CN=TVIEW Studio test CA", null, caExtensions);
                certificate(directory, "other-ca", "/CN=Some other CA", null, caExtensions);
                certificate(directory, "server", "/CN=localhost", "ca", "basicConstraints=CA:FALSE\n"
                        + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
                        + "subjectAltName=DNS:localhost");
                EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgres.Authentication.TRUST,
                        List.of("ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"),
                        Map.of("server.crt", directory.resolve("server.crt"), "server.key", directory.resolve("server.key")));
                instance = new TlsServer(directory, server);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = Files.walk(directory)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                    } catch (IOException ignored) {
                        // A temporary directory left behind is all that can go wrong here.
                    }
                }, "tls-test-certificates-cleanup"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the TLS test server", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public EmbeddedPostgres server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The CA that signed the server's certificate. */
    public Path ca() {
        return directory.resolve("ca.crt");
    }

    /** A CA that signed nothing the server has. */
    public Path otherCa() {
        return directory.resolve("other-ca.crt");
    }

    public Path directory() {
        return directory;
    }

    /** A key and a certificate NAME.crt: self-signed, or signed by the CA named issuer. */
    private static void certificate(Path directory, String name, String subject, String issuer, String extensions)
            throws IOException, InterruptedException {
        String key = name + ".key";
        String csr = name + ".csr";
        String crt = name + ".crt";
        Files.writeString(directory.resolve(name + ".ext"), extensions + "\n");
        require(openssl(directory, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", subject));
        if (issuer == null) {
            require(openssl(directory, "x509", "-req", "-in", csr, "-signkey", key, "-days", "2", "-extfile", name + ".ext",
                    "-out", crt));
        } else {
            require(openssl(directory, "x509", "-req", "-in", csr, "-CA", issuer + ".crt", "-CAkey", issuer + ".key",
                    "-CAcreateserial", "-days", "2", "-extfile", name + ".ext", "-out", crt));
        }
    }

    private static void require(int exit) throws IOException {
        if (exit != 0) {
            throw new IOException("openssl failed with exit code " + exit);
        }
    }

    private static int openssl(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return -1;
        }
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
