package io.tviewstudio.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

@Command(name = "health",
        header = "Check that the runtime and every TVIEW's objects are in place.",
        description = {"Check that the runtime and every TVIEW's objects (table, view, functions, triggers) are in place",
                "(pg_tviews_health_check). Exit code 1 when a check reports WARNING or ERROR."})
final class HealthCommand extends DatabaseCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Check(String name, String status, String message, JsonNode details) {
    }

    record Result(String database, List<Check> checks) {
    }

    @Override
    int run(Session session) throws SQLException {
        List<Check> checks = new ArrayList<>();
        try (Statement statement = session.connection().createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT check_name, status, message, details::text FROM public.pg_tviews_health_check()")) {
            while (rows.next()) {
                checks.add(new Check(rows.getString(1), rows.getString(2), rows.getString(3), parse(rows.getString(4))));
            }
        }
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("check", "status", "message"));
        checks.forEach(check -> table.add(List.of(check.name(), check.status(), String.valueOf(check.message()))));
        TextTable.print(table, session.output());
        session.output().result(new Result(session.target().database(), checks));
        return checks.stream().allMatch(check -> check.status().equals("OK")) ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }

    private static JsonNode parse(String json) throws SQLException {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("pg_tviews_health_check returned invalid JSON details: " + e.getOriginalMessage(), e);
        }
    }
}
