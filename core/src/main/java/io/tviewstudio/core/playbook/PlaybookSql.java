package io.tviewstudio.core.playbook;

import io.tviewstudio.core.install.RuntimeScripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a playbook: the runtime, the library every script includes ({@code scripts/lib/playbook.sql}:
 * the exported TVIEWs as a temporary table plus the helper functions of
 * {@code playbook-functions.sql}), the scripts, and one file per definition. Pure text generation;
 * {@link PlaybookRestore} runs the same library over JDBC.
 */
public final class PlaybookSql {

    /**
     * The installed TVIEWs a playbook does not hold (its TVIEWs in {@code pg_temp.playbook_tview}):
     * listed by {@code scripts/verify.sql} and by the restore's plan.
     */
    static String tviewsNotInPlaybook() {
        return "SELECT m.table_oid::text AS tview_not_in_playbook FROM public.pg_tview_meta m\n"
                + "WHERE m.entity NOT IN (SELECT t.entity FROM pg_temp.playbook_tview t) ORDER BY 1";
    }

    private PlaybookSql() {
    }

    /** The helper functions (pg_temp), without data: also what {@link Checksums} needs. */
    public static String functions() {
        try (InputStream in = PlaybookSql.class.getResourceAsStream("playbook-functions.sql")) {
            if (in == null) {
                throw new IllegalStateException("playbook-functions.sql missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code scripts/lib/playbook.sql}: plain SQL without psql commands or transaction control. */
    public static String library(Manifest manifest) {
        StringBuilder sql = new StringBuilder();
        sql.append("-- TVIEW playbook library of database ").append(manifest.database()).append(", exported ")
                .append(manifest.exportedAt()).append(" with runtime ").append(manifest.runtimeVersion()).append(".\n")
                .append("-- Included by every script of this playbook. It creates temporary objects only (pg_temp):\n")
                .append("-- the exported TVIEWs and the helper functions. Generated; do not edit.\n\n")
                .append("SET LOCAL client_min_messages = warning;\n")
                .append("DROP TABLE IF EXISTS pg_temp.playbook_info;\n")
                .append("CREATE TEMP TABLE playbook_info (runtime_version text NOT NULL, database text NOT NULL, exported_at timestamptz NOT NULL);\n")
                .append("INSERT INTO pg_temp.playbook_info VALUES (").append(literal(manifest.runtimeVersion())).append(", ")
                .append(literal(manifest.database())).append(", ").append(literal(manifest.exportedAt())).append(");\n\n")
                .append("""
                        DROP TABLE IF EXISTS pg_temp.playbook_tview;
                        CREATE TEMP TABLE playbook_tview (
                            ord            integer PRIMARY KEY,  -- dependency order
                            tview          text    NOT NULL,     -- the TVIEW table, schema-qualified
                            view_name      text    NOT NULL,     -- its backing view
                            entity         text    NOT NULL UNIQUE,
                            schema_name    text    NOT NULL,
                            pk_column      name    NOT NULL,
                            definition     text    NOT NULL,
                            refresh_mode   text    NOT NULL,
                            reads          text[]  NOT NULL,     -- exported TVIEWs it reads
                            sources        text[]  NOT NULL,     -- base tables it reads
                            row_count      bigint  NOT NULL,     -- at export time
                            checksum       text    NOT NULL,     -- at export time
                            functions      text[]  NOT NULL,     -- generated functions (regprocedure)
                            triggers       text[]  NOT NULL,     -- generated triggers ...
                            trigger_tables text[]  NOT NULL      -- ... and the tables they are on
                        );
                        """);
        for (TviewSnapshot tview : manifest.tviews()) {
            sql.append("INSERT INTO pg_temp.playbook_tview VALUES (").append(tview.order()).append(", ")
                    .append(literal(tview.tview())).append(", ").append(literal(tview.view())).append(", ")
                    .append(literal(tview.entity())).append(", ").append(literal(tview.schema())).append(", ")
                    .append(literal(tview.pkColumn())).append(",\n    ").append(dollarQuoted(tview.definition())).append(",\n    ")
                    .append(literal(tview.refreshMode())).append(", ").append(textArray(tview.reads())).append(", ")
                    .append(textArray(tview.sources())).append(", ").append(tview.rowCount()).append(", ")
                    .append(literal(tview.checksum())).append(",\n    ").append(textArray(tview.functions())).append(",\n    ")
                    .append(textArray(tview.triggers().stream().map(TviewSnapshot.GeneratedTrigger::name).toList())).append(",\n    ")
                    .append(textArray(tview.triggers().stream().map(TviewSnapshot.GeneratedTrigger::table).toList()))
                    .append(");\n");
        }
        sql.append('\n').append(functions());
        return sql.toString();
    }

    /** {@code runtime/runtime.sql}: every runtime piece, in install order, without transaction control. */
    public static String runtime() {
        StringBuilder sql = new StringBuilder("-- TVIEW runtime: every piece of sql/install.sql, in order, without transaction control.\n"
                + "-- Run it through runtime/install.sql (one transaction), or include it in a transaction of your own.\n");
        for (RuntimeScripts.Piece piece : RuntimeScripts.installPieces()) {
            sql.append("\n-- ").append(piece.path()).append('\n').append(piece.sql());
            if (!piece.sql().endsWith("\n")) {
                sql.append('\n');
            }
        }
        return sql.toString();
    }

    /** {@code runtime/install.sql}. */
    public static String runtimeInstall(Manifest manifest) {
        return header("Installs (or re-installs in place, keeping every TVIEW) the TVIEW runtime "
                + manifest.runtimeVersion() + " in one transaction.",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -f runtime/install.sql")
                + "BEGIN;\n\\ir runtime.sql\nCOMMIT;\n";
    }

    /** {@code scripts/verify.sql}. */
    public static String verify(Manifest manifest) {
        return header("Checks every exported TVIEW: in place, same definition, and equal to its view (pg_tviews_verify).\n"
                        + "-- Read-only in effect (it only creates temporary helpers). Exit code 0: consistent; 3: problems, listed above the error.",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -f scripts/verify.sql")
                + "BEGIN;\n\\ir lib/playbook.sql\n"
                + "SELECT pg_temp.playbook_require_runtime() AS runtime_version;\n"
                + "CREATE TEMP TABLE playbook_found AS SELECT * FROM pg_temp.playbook_problems();\n"
                + "\\echo 'Problems (an empty list means every exported TVIEW is in place and exact):'\n"
                + "SELECT * FROM playbook_found;\n"
                + tviewsNotInPlaybook() + ";\n"
                + "SELECT pg_temp.playbook_fail_if((SELECT count(*) FROM playbook_found), 'problem(s) found',\n"
                + "    'Rebuild one TVIEW with scripts/rebuild-one.sql (-v tview=NAME) or all with scripts/rebuild-all.sql.') AS problems;\n"
                + "ROLLBACK;\n";
    }

    /** {@code scripts/rebuild-one.sql}: the TVIEW comes from {@code -v tview=NAME}. */
    public static String rebuildOne(Manifest manifest) {
        String example = manifest.tviews().isEmpty() ? "tv_example" : manifest.tviews().getFirst().tableName();
        return header("Rebuilds one TVIEW in one transaction: recomputed in place, or, when it or its catalog row is\n"
                        + "-- gone, re-created from this playbook together with every TVIEW that reads it. Then verifies them.",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -v tview=" + example + " -f scripts/rebuild-one.sql")
                + "\\if :{?tview}\n\\else\n"
                + "DO $$ BEGIN RAISE EXCEPTION 'playbook: no TVIEW given' USING HINT = 'Name it: psql -v tview=NAME -f scripts/rebuild-one.sql'; END $$;\n"
                + "\\endif\n"
                + "BEGIN;\n\\ir lib/playbook.sql\n"
                + "SELECT pg_temp.playbook_rebuild(:'tview') AS done;\n"
                + verifyTail("t.ord = ANY (pg_temp.playbook_closure(ARRAY[pg_temp.playbook_find(:'tview')]))")
                + "COMMIT;\n";
    }

    /** {@code scripts/rebuild-all.sql}. */
    public static String rebuildAll(Manifest manifest) {
        return header("Rebuilds every exported TVIEW in one transaction: missing or broken ones are re-created from\n"
                        + "-- this playbook, the others recomputed, in dependency order. Then verifies them.",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -f scripts/rebuild-all.sql")
                + "BEGIN;\n\\ir lib/playbook.sql\n"
                + "SELECT pg_temp.playbook_rebuild_all() AS done;\n"
                + verifyTail("true")
                + "COMMIT;\n";
    }

    /** {@code scripts/recreate-all.sql}: runtime and every TVIEW on a database holding only the base tables. */
    public static String recreateAll(Manifest manifest) {
        return header("Re-creates the TVIEW layer on a database that holds the base tables (restored from your\n"
                        + "-- backup) but no runtime or no TVIEWs: installs runtime " + manifest.runtimeVersion()
                        + ", creates every exported TVIEW\n"
                        + "-- in dependency order, verifies them and compares their checksums with the export. One transaction.",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -f scripts/recreate-all.sql")
                + "BEGIN;\n\\ir lib/playbook.sql\n"
                + "SELECT pg_temp.playbook_require_no_other_runtime() AS runtime_before;\n"
                + "SELECT pg_temp.playbook_require_sources() AS sources_checked;\n"
                + "\\ir ../runtime/runtime.sql\n"
                + "SELECT pg_temp.playbook_rebuild_all() AS done;\n"
                + verifyTail("true")
                + "\\echo 'Row counts and checksums against the export (they differ where base data changed since):'\n"
                + "SELECT * FROM pg_temp.playbook_checksums();\n"
                + "COMMIT;\n";
    }

    /** {@code scripts/checksums.sql}. */
    public static String checksums(Manifest manifest) {
        return header("Compares each TVIEW's row count and checksum with the export. A difference is expected where the\n"
                        + "-- base data changed since the export; after a restore of the exported state they must match.\n"
                        + "-- Exit code 0: all match; 3: differences, listed above the error.",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -f scripts/checksums.sql")
                + "BEGIN;\n\\ir lib/playbook.sql\n"
                + "CREATE TEMP TABLE playbook_sums AS SELECT * FROM pg_temp.playbook_checksums();\n"
                + "SELECT * FROM playbook_sums;\n"
                + "SELECT pg_temp.playbook_fail_if((SELECT count(*) FROM playbook_sums WHERE NOT matches), 'TVIEW(s) differ from the export',\n"
                + "    'Expected if the base tables changed since the export; otherwise run scripts/verify.sql and rebuild.') AS differences;\n"
                + "ROLLBACK;\n";
    }

    /** {@code definitions/NN_tv_x.sql}: one TVIEW, as pg_tviews_create would be called by hand. */
    public static String definition(Manifest manifest, TviewSnapshot tview) {
        StringBuilder sql = new StringBuilder(header("TVIEW " + tview.tview() + " (depth " + tview.depth() + ", "
                + tview.refreshMode() + ", " + tview.rowCount() + " rows at export)"
                + (tview.reads().isEmpty() ? "" : ".\n-- Reads TVIEW(s) " + String.join(", ", tview.reads()) + ": create those first")
                + ".\n-- Base tables: " + (tview.sources().isEmpty() ? "none" : String.join(", ", tview.sources())) + ".",
                "psql -v ON_ERROR_STOP=1 -d " + manifest.database() + " -f definitions/" + definitionFileName(tview)));
        sql.append("SET search_path = ").append(quoteIdentifier(tview.schema())).append(", public;\n");
        sql.append("SELECT pg_tviews_create(").append(literal(tview.tview())).append(", ")
                .append(dollarQuoted(tview.definition())).append(");\n");
        if (!"immediate".equals(tview.refreshMode())) {
            sql.append("SELECT pg_tviews_set_refresh_mode(").append(literal(tview.tview())).append(", ")
                    .append(literal(tview.refreshMode())).append(");\n");
        }
        return sql.toString();
    }

    public static String definitionFileName(TviewSnapshot tview) {
        return String.format("%02d_%s.sql", tview.order(), tview.tview().replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    private static String verifyTail(String scope) {
        return "CREATE TEMP TABLE playbook_found AS SELECT p.* FROM pg_temp.playbook_problems() p\n"
                + "    JOIN pg_temp.playbook_tview t ON t.tview = p.tview WHERE " + scope + ";\n"
                + "\\echo 'Problems left (none expected):'\n"
                + "SELECT * FROM playbook_found;\n"
                + "SELECT pg_temp.playbook_fail_if((SELECT count(*) FROM playbook_found), 'problem(s) left after the rebuild',\n"
                + "    'Nothing was changed (the transaction is rolled back). Read the problems above and the playbook.') AS problems;\n";
    }

    private static String header(String what, String usage) {
        return "-- " + what + "\n--   " + usage + "\n-- Generated by TVIEW Studio; needs only psql.\n\\set ON_ERROR_STOP 1\n\\set QUIET 1\n\\set SHOW_CONTEXT never\n";
    }

    /** A standard SQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A dollar-quoted literal whose tag does not occur in the text. */
    static String dollarQuoted(String text) {
        String tag = "$tview$";
        for (int i = 1; text.contains(tag); i++) {
            tag = "$tview" + i + "$";
        }
        return tag + text + tag;
    }

    static String textArray(List<String> values) {
        return values.isEmpty() ? "'{}'::text[]"
                : values.stream().map(PlaybookSql::literal).collect(Collectors.joining(", ", "ARRAY[", "]::text[]"));
    }

    static String quoteIdentifier(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
