package io.tviewstudio.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

@Command(name = "verify",
        header = "Compare TVIEWs with their views row by row; with --repair, fix the rows that differ.",
        description = {"Compare TVIEWs with their views row by row (pg_tviews_verify); with --repair recompute the rows",
                "that differ and check again. Exit code 1 when differences are found (and, with --repair, remain)."})
final class VerifyCommand extends DatabaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this TVIEW (default: all).")
    String name;

    @Option(names = "--repair", description = "Recompute the differing rows, then verify again.")
    boolean repair;

    record Difference(String tview, long pk, String issue, boolean repaired) {
    }

    record Result(String database, List<Difference> differences, List<Difference> remaining) {
    }

    @Override
    int run(Session session) throws SQLException {
        List<Difference> differences = verify(session.connection(), repair);
        List<Difference> remaining = repair && !differences.isEmpty() ? verify(session.connection(), false) : differences;
        Output output = session.output();
        String scope = name == null ? "all TVIEWs" : name;
        if (differences.isEmpty()) {
            output.line("consistent: " + scope + " equal their views");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("tview", "pk", "issue", "repaired"));
            for (Difference difference : differences) {
                rows.add(List.of(difference.tview(), Long.toString(difference.pk()), difference.issue(),
                        difference.repaired() ? "yes" : "no"));
            }
            output.line(differences.size() + " row(s) differ from their views:");
            TextTable.print(rows, output);
            if (repair) {
                output.line(remaining.isEmpty() ? "repaired: " + scope + " now equal their views"
                        : remaining.size() + " row(s) still differ after the repair");
            } else {
                output.line("run tviews verify --repair to recompute them");
            }
        }
        output.result(new Result(session.target().database(), differences, remaining));
        return remaining.isEmpty() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }

    private List<Difference> verify(Connection connection, boolean withRepair) throws SQLException {
        List<Difference> differences = new ArrayList<>();
        try (PreparedStatement call = connection.prepareStatement(
                "SELECT tview, pk, issue, repaired FROM public.pg_tviews_verify(?, ?)")) {
            if (name == null) {
                call.setNull(1, Types.VARCHAR);
            } else {
                call.setString(1, name);
            }
            call.setBoolean(2, withRepair);
            try (ResultSet rows = call.executeQuery()) {
                while (rows.next()) {
                    differences.add(new Difference(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
        }
        return differences;
    }
}
