package io.tviewstudio.core.install;

import java.sql.SQLException;
import java.util.List;

/**
 * The connected role lacks rights the work needs; thrown before anything was changed. SQLSTATE
 * {@code 42501} (insufficient_privilege), as PostgreSQL would have failed with halfway through.
 * The message lists every missing right with its GRANT statement, one per line.
 */
public final class MissingPrivilegesException extends SQLException {

    private final transient List<MissingPrivilege> missing;

    public MissingPrivilegesException(String summary, List<MissingPrivilege> missing) {
        super(describe(summary, missing), "42501");
        this.missing = List.copyOf(missing);
    }

    /** Every missing right, in the order the check found them. */
    public List<MissingPrivilege> missing() {
        return missing;
    }

    /** The first line of the message, e.g. {@code role x cannot install the TVIEW runtime: ...}. */
    public String summary() {
        return getMessage().lines().findFirst().orElse("");
    }

    /** The GRANT statements, one per line, ready to paste into psql. */
    public String grantStatements() {
        return String.join("\n", missing.stream().map(MissingPrivilege::grantStatement).toList());
    }

    private static String describe(String summary, List<MissingPrivilege> missing) {
        StringBuilder text = new StringBuilder(summary);
        for (MissingPrivilege privilege : missing) {
            text.append("\n  ").append(privilege.message()).append(" (").append(privilege.reason()).append(')')
                    .append("\n    ").append(privilege.grantStatement());
        }
        return text.toString();
    }
}
