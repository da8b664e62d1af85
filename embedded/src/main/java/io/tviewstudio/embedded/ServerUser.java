package io.tviewstudio.embedded;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The operating-system account the embedded server runs under: the current user, or, when the
 * JVM runs as root, a dedicated unprivileged account that is created on first use.
 */
record ServerUser(String name, boolean needsSwitch) {

    static final String DEFAULT_ACCOUNT = "tviews";

    static ServerUser detect() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return new ServerUser(System.getProperty("user.name"), false);
        }
        String account = System.getProperty("tviews.embedded.user", DEFAULT_ACCOUNT);
        ensureAccountExists(account);
        return new ServerUser(account, true);
    }

    private static synchronized void ensureAccountExists(String account) throws IOException {
        try {
            ProcessRunner.runAsIs("id", "-u", account);
        } catch (IOException missing) {
            try {
                ProcessRunner.runAsIs("useradd", "--system", "--no-create-home",
                        "--shell", "/usr/sbin/nologin", account);
            } catch (IOException failed) {
                // Another process (a test JVM beside this one) may have created it first.
                try {
                    ProcessRunner.runAsIs("id", "-u", account);
                } catch (IOException stillMissing) {
                    failed.addSuppressed(stillMissing);
                    throw failed;
                }
            }
        }
    }

    /** Gives the account ownership of a directory tree the server writes to. */
    void takeOwnership(Path directory) throws IOException {
        if (needsSwitch) {
            ProcessRunner.runAsIs("chown", "-R", name + ":", directory.toString());
        }
    }
}
