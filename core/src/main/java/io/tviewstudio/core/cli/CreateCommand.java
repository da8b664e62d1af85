package io.tviewstudio.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

@Command(name = "create",
        description = {"Create TVIEWs from a file, in one transaction: either CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...",
                "statements (one or more, separated by ;), or, with a NAME, one bare SELECT.",
                "Each becomes SELECT pg_tviews_create(name, select); on any error nothing is created."})
final class CreateCommand extends DatabaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "The TVIEW to create from the file's SELECT, e.g. tv_post.")
    String name;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The definition file (UTF-8).")
    Path file;

    @Option(names = "--print-sql", description = "Print the pg_tviews_create calls instead of running them (no connection).")
    boolean printSql;

    private List<CreateTviewStatement> statements;

    record Created(String tview, String message, boolean skipped) {
    }

    record Result(String database, List<Created> tviews) {
    }

    @Override
    Integer prepare() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CliException.usage("file_not_found", "cannot read " + file + ": no such file", null);
        } catch (MalformedInputException e) {
            throw CliException.usage("file_unreadable", "cannot read " + file + ": not UTF-8 text", null);
        } catch (IOException e) {
            throw CliException.usage("file_unreadable", "cannot read " + file + ": " + e, null);
        }
        try {
            statements = CreateTviewStatement.parseScript(text, name);
        } catch (CreateTviewStatement.TranslationException e) {
            throw CliException.usage("invalid_create_statement", file + ": " + e.getMessage(),
                    "Write CREATE TVIEW tv_name AS SELECT ...; or give the name: tviews create tv_name --file FILE");
        }
        if (printSql) {
            statements.forEach(statement -> spec.commandLine().getOut().println(statement.toSql()));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        List<Created> created = inTransaction(session.connection(), () -> {
            List<Created> results = new ArrayList<>();
            for (CreateTviewStatement statement : statements) {
                results.add(create(session, statement));
            }
            return results;
        });
        for (Created tview : created) {
            session.output().line(tview.message());
        }
        session.output().result(new Result(session.target().database(), created));
        return ExitCode.OK;
    }

    private static Created create(Session session, CreateTviewStatement statement) throws SQLException {
        Savepoint savepoint = statement.ifNotExists() ? session.connection().setSavepoint() : null;
        try (PreparedStatement call = session.connection().prepareStatement("SELECT public.pg_tviews_create(?, ?)")) {
            call.setString(1, statement.name());
            call.setString(2, statement.select());
            try (ResultSet rows = call.executeQuery()) {
                rows.next();
                return new Created(statement.name(), rows.getString(1), false);
            }
        } catch (SQLException e) {
            if (savepoint != null && "TV002".equals(e.getSQLState())) {
                session.connection().rollback(savepoint);
                return new Created(statement.name(), "TVIEW " + statement.name() + " already exists, skipped", true);
            }
            throw e;
        }
    }
}
