package io.tviewstudio.cli;

import io.tviewstudio.core.health.RowDifference;
import io.tviewstudio.core.health.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.SQLException;
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

    record Result(String database, List<RowDifference> differences, List<RowDifference> remaining) {
    }

    @Override
    int run(Session session) throws SQLException {
        Verification verification = repair ? session.studio().verifyAndRepair(name) : session.studio().verify(name);
        List<RowDifference> differences = verification.differences();
        Output output = session.output();
        String scope = name == null ? "all TVIEWs" : name;
        if (differences.isEmpty()) {
            output.line("consistent: " + scope + " equal their views");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("tview", "pk", "issue", "repaired"));
            for (RowDifference difference : differences) {
                rows.add(List.of(difference.tview(), Long.toString(difference.pk()), difference.issue(),
                        difference.repaired() ? "yes" : "no"));
            }
            output.line(differences.size() + " row(s) differ from their views:");
            TextTable.print(rows, output);
            if (repair) {
                output.line(verification.consistent() ? "repaired: " + scope + " now equal their views"
                        : verification.remaining().size() + " row(s) still differ after the repair");
            } else {
                output.line("run tviews verify --repair to recompute them");
            }
        }
        output.result(new Result(session.target().database(), differences, verification.remaining()));
        return verification.consistent() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }
}
