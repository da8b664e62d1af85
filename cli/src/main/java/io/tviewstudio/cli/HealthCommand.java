package io.tviewstudio.cli;

import io.tviewstudio.core.health.HealthCheck;
import picocli.CommandLine.Command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

@Command(name = "health",
        header = "Check that the runtime and every TVIEW's objects are in place.",
        description = {"Check that the runtime and every TVIEW's objects (table, view, functions, triggers) are in place",
                "(pg_tviews_health_check). Exit code 1 when a check reports WARNING or ERROR."})
final class HealthCommand extends DatabaseCommand {

    record Result(String database, List<HealthCheck> checks) {
    }

    @Override
    int run(Session session) throws SQLException {
        List<HealthCheck> checks = session.studio().health();
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("check", "status", "message"));
        checks.forEach(check -> table.add(List.of(check.name(), check.status(), String.valueOf(check.message()))));
        TextTable.print(table, session.output());
        session.output().result(new Result(session.target().database(), checks));
        return checks.stream().allMatch(HealthCheck::ok) ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }
}
