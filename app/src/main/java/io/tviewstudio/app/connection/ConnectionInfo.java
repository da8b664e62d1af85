package io.tviewstudio.app.connection;

import io.tviewstudio.core.connect.ResolvedConnection;

import java.util.List;

/**
 * What File › Connection info shows about the database the window works on: where it is, as whom
 * the application logged in, and for the demo database the exact psql command that opens it (the
 * demo's password is generated per start and kept in a private password file, so a psql user has
 * no other way to learn how to connect).
 *
 * @param title       the dialog's heading
 * @param entries     label and value, in order
 * @param psqlCommand the command that opens psql on this database, or null when there is none to give
 */
public record ConnectionInfo(String title, List<Entry> entries, String psqlCommand) {

    /** One line of the dialog. */
    public record Entry(String label, String value) {
    }

    public ConnectionInfo {
        entries = List.copyOf(entries);
    }

    /** Nothing is open. */
    public static ConnectionInfo notConnected() {
        return new ConnectionInfo("Not connected", List.of(new Entry("Database",
                "none: File › Connect… or File › Open demo database")), null);
    }

    /**
     * A server the user connected to, or the demo database (then {@code demoPsqlCommand} is the
     * demo's command naming its password file).
     */
    public static ConnectionInfo of(String label, ResolvedConnection target, String demoPsqlCommand) {
        boolean demo = demoPsqlCommand != null;
        List<Entry> entries = List.of(
                new Entry("Server", target.host() + ":" + target.port()),
                new Entry("Database", target.database()),
                new Entry("User", target.user()),
                new Entry("Password", demo ? "generated for this start, in the password file the command names"
                        : target.passwordSource().description()));
        String psql = demo ? demoPsqlCommand
                : "psql -h " + target.host() + " -p " + target.port() + " -U " + shellWord(target.user()) + " " + shellWord(target.database());
        return new ConnectionInfo(demo ? "Demo database" : label, entries, psql);
    }

    /** A word for a POSIX shell: as is when it is plain, else single-quoted. */
    static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
