package io.tviewstudio.cli;

/** The exit codes of {@code tviews}, documented in docs/reference/cli.md. */
public final class ExitCode {

    /** Done; for verify and health: everything is consistent and in place. */
    public static final int OK = 0;
    /** verify found differences (left after --repair), or health reported a WARNING or ERROR. */
    public static final int PROBLEMS_FOUND = 1;
    /** Bad command line or unusable input file. Nothing was done. */
    public static final int USAGE = 2;
    /** No connection: wrong password, unknown database, server unreachable, timeout, unsupported server, ... */
    public static final int CONNECTION = 3;
    /** The database refused the work: a TVnnn code of the runtime or a PostgreSQL SQLSTATE. Nothing changed. */
    public static final int DATABASE_ERROR = 4;
    /** The runtime is not installed, or is another version than this tviews works with. */
    public static final int RUNTIME_MISSING = 5;
    /** install-runtime / upgrade-runtime: the role lacks rights the install needs (each listed with its GRANT). Nothing changed. */
    public static final int MISSING_PRIVILEGES = 6;

    private ExitCode() {
    }
}
