package io.tviewstudio.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.SQLException;
import java.util.List;

@Command(name = "drop",
        header = "Drop TVIEWs in one transaction; base tables stay.",
        description = {"Drop TVIEWs (their table, view, triggers and functions; base tables stay), in one transaction,",
                "through pg_tviews_drop."})
final class DropCommand extends DatabaseCommand {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "TVIEWs to drop, e.g. tv_post or app.tv_post.")
    List<String> names;

    @Option(names = "--if-exists", description = "A missing TVIEW is skipped instead of an error (TV003).")
    boolean ifExists;

    @Option(names = "--cascade", description = "Also drop the TVIEWs that read these (else that is an error, TV031).")
    boolean cascade;

    record Result(String database, List<String> messages) {
    }

    @Override
    int run(Session session) throws SQLException {
        List<String> messages = session.studio().drop(names, ifExists, cascade);
        messages.forEach(session.output()::line);
        session.output().result(new Result(session.target().database(), messages));
        return ExitCode.OK;
    }
}
