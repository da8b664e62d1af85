package io.tviewstudio.cli;

import io.tviewstudio.core.catalog.SchemaObjects.SchemaObject;
import io.tviewstudio.core.deploy.CreatePreview;
import io.tviewstudio.core.deploy.DefinitionSet;
import picocli.CommandLine.Command;

import java.sql.SQLException;
import java.util.List;

@Command(name = "plan",
        header = "Dry run of apply: show every object the runtime would create, then roll back.",
        description = {"Dry run of apply: create the file's TVIEWs inside a transaction, show every object and its DDL the",
                "runtime generated (view, table, indexes, functions, triggers) and the lineage, then roll back.",
                "Nothing is changed."})
final class PlanCommand extends DefinitionFileCommand {

    private DefinitionSet definitions;

    record Result(String database, List<CreatePreview.PlannedTview> tviews) {
    }

    @Override
    Integer prepare() {
        definitions = definitions();
        ordered(definitions);
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        List<CreatePreview.PlannedTview> plan = session.studio().preview(
                ordered(definitions).stream().map(DefinitionSet.Entry::analysis).toList());
        Output output = session.output();
        for (CreatePreview.PlannedTview tview : plan) {
            output.line("-- " + tview.message());
            for (SchemaObject object : tview.objects()) {
                print(output, "creates", object);
            }
            for (SchemaObject object : tview.changed()) {
                print(output, "replaces", object);
            }
            tview.lineage().forEach(rule -> output.line("-- lineage: " + rule.explanation(tview.tview())));
            output.line("");
        }
        output.line("-- rolled back: nothing was changed");
        output.result(new Result(session.target().database(), plan));
        return ExitCode.OK;
    }

    private static void print(Output output, String verb, SchemaObject object) {
        output.line("-- " + verb + " " + object.kind() + " " + object.name());
        if (object.ddl() != null) {
            String ddl = object.ddl().strip();
            output.line(ddl.endsWith(";") ? ddl : ddl + ";");
        }
    }
}
