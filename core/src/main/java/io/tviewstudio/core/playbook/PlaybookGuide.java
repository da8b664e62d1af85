package io.tviewstudio.core.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The human playbook of one database: what is in the folder, the TVIEWs as exported, and one section
 * per failure scenario (symptoms, diagnosis queries, recovery steps, verification, prevention), with
 * the database's own names filled in. Every {@code sql} block is a read-only query that runs on the
 * exported database (tested); the recovery steps run the playbook's scripts with psql.
 */
public final class PlaybookGuide {

    private PlaybookGuide() {
    }

    public static GuideDocument build(Manifest manifest) {
        String db = manifest.database();
        String psql = "psql -v ON_ERROR_STOP=1 -d " + db;
        List<TviewSnapshot> tviews = manifest.tviews();
        String first = tviews.isEmpty() ? "tv_example" : tviews.getFirst().tview();
        String firstShort = tviews.isEmpty() ? "tv_example" : tviews.getFirst().tableName();
        String names = tviews.stream().map(t -> "'" + t.tview().replace("'", "''") + "'").collect(Collectors.joining(", "));
        String expected = tviews.isEmpty() ? "SELECT NULL::text AS tview WHERE false"
                : "SELECT e.tview FROM unnest(ARRAY[" + names + "]) AS e(tview)";

        GuideDocument doc = new GuideDocument("TVIEW recovery playbook: database " + db);
        doc.paragraph("Exported " + manifest.exportedAt() + " from database `" + db + "` (" + manifest.server()
                + ") with TVIEW runtime **" + manifest.runtimeVersion() + "** by " + manifest.tool() + ". "
                + "Everything here needs only `psql` and this folder: run the commands from the folder itself "
                + "(the scripts include each other by relative path), as the role that owns the TVIEWs, "
                + "with the usual connection options or PG* variables for the server. Check the folder first with "
                + "`sha256sum -c SHA256SUMS`.");

        doc.heading(2, "What is in this folder", "contents");
        doc.table(List.of("file", "what it does"), List.of(
                List.of("`manifest.json`", "the export: runtime version, every TVIEW in dependency order with its definition, row count, size and checksum, the base tables and their row counts"),
                List.of("`SHA256SUMS`", "checksums of every file; `sha256sum -c SHA256SUMS` proves the folder is intact"),
                List.of("`runtime/install.sql`", "installs runtime " + manifest.runtimeVersion() + " in one transaction, or re-installs it in place keeping every TVIEW (`runtime/runtime.sql` holds the pieces)"),
                List.of("`definitions/NN_tv_*.sql`", "one `pg_tviews_create` call per TVIEW, numbered in dependency order"),
                List.of("`scripts/verify.sql`", "every exported TVIEW in place, with the exported definition, and equal to its view (`pg_tviews_verify`); exit code 3 when not"),
                List.of("`scripts/rebuild-one.sql`", "rebuilds one TVIEW (`-v tview=NAME`): recomputed in place, or re-created with every TVIEW reading it when it or its catalog row is gone; then verifies"),
                List.of("`scripts/rebuild-all.sql`", "the same for every exported TVIEW, in dependency order"),
                List.of("`scripts/recreate-all.sql`", "on a database holding the base tables only: installs the runtime and creates every TVIEW, verifies, compares checksums"),
                List.of("`scripts/checksums.sql`", "row counts and checksums now against the export; exit code 3 when they differ"),
                List.of("`scripts/lib/playbook.sql`", "the helpers the scripts include: temporary objects only (`pg_temp`), gone when psql exits")));
        doc.paragraph("Every script runs in one transaction: when it fails, nothing is changed, and psql exits with code 3 "
                + "after printing the error. The scripts create temporary helper functions, so they need the `TEMP` "
                + "privilege on the database (granted to everyone by default) and cannot run on a read-only standby.");

        doc.heading(2, "The TVIEWs at export time", "tviews");
        List<List<String>> rows = new ArrayList<>();
        for (TviewSnapshot t : tviews) {
            rows.add(List.of(Integer.toString(t.order()), "`" + t.tview() + "`", Integer.toString(t.depth()), t.refreshMode(),
                    Long.toString(t.rowCount()), formatBytes(t.totalBytes()),
                    t.reads().isEmpty() && t.sources().isEmpty() ? "" : String.join(", ", concat(t.reads(), t.sources())),
                    "`" + t.checksum() + "`"));
        }
        doc.table(List.of("#", "TVIEW", "depth", "mode", "rows", "size", "reads", "checksum"), rows);
        doc.paragraph("Checksum: " + Checksums.METHOD + ". Base tables at export: " + (manifest.sourceTables().isEmpty() ? "none"
                : manifest.sourceTables().stream().map(s -> "`" + s.table() + "` (" + s.rowCount() + " rows)")
                .collect(Collectors.joining(", "))) + ".");

        doc.heading(2, "First steps in any incident", "first-steps");
        doc.steps("Check the folder: `sha256sum -c SHA256SUMS`.",
                "Run the verification; it lists every problem and changes nothing:",
                "Find the scenario below that matches what you see, and follow its recovery steps.",
                "Finish with `scripts/verify.sql` (exit code 0) and, if the base data is the exported state, `scripts/checksums.sql`.");
        doc.code("bash", psql + " -f scripts/verify.sql");
        doc.paragraph("The problems it reports: `missing`, `metadata_lost`, `table_missing`, `view_missing` (the TVIEW or its "
                + "catalog row is gone: rebuild), `definition_changed` (the TVIEW was changed after the export: export a new playbook), "
                + "`source_missing` (a base table is gone: restore it from a backup first), and `row N: missing | extra | stale` "
                + "(rows differ from the view: rebuild).");

        corrupted(doc, psql, first, firstShort);
        lostMetadata(doc, psql, expected, firstShort);
        runtime(doc, psql, manifest);
        cascade(doc, psql);
        crash(doc, psql);
        diskFull(doc, psql, firstShort);
        accidentalDrop(doc, psql, expected, firstShort);
        pgDump(doc, psql, db);
        failover(doc, psql);
        return doc;
    }

    private static void corrupted(GuideDocument doc, String psql, String first, String firstShort) {
        doc.heading(2, "Corrupted or stale TVIEW data", "corrupted");
        doc.paragraph("**Symptoms.** Readers see values in a `tv_` table that do not match the base tables; "
                + "`scripts/verify.sql` lists `row N: stale`, `missing` or `extra`. Causes: triggers disabled during a bulk "
                + "load (`ALTER TABLE ... DISABLE TRIGGER`, `session_replication_role = replica`), rows written directly into a "
                + "`tv_` table, a restore of the `tv_` tables from another point in time than the base tables.");
        doc.paragraph("**Diagnosis.** Which rows differ, and whether a generated trigger is disabled:");
        doc.code("sql", "SELECT * FROM pg_tviews_verify();");
        doc.code("sql", """
                SELECT t.tgrelid::regclass AS source_table, t.tgname AS trigger_name
                FROM pg_trigger t
                WHERE (t.tgname LIKE 'tview\\_%' OR t.tgname = 'tview_zz_flush') AND t.tgenabled = 'D'
                ORDER BY 1, 2;""");
        doc.code("sql", "SELECT check_name, status, message FROM pg_tviews_health_check() WHERE status <> 'OK';");
        doc.paragraph("**Recovery.**");
        doc.steps("Re-enable any disabled trigger (`ALTER TABLE <table> ENABLE TRIGGER <trigger>`) so new writes are followed again.",
                "Rebuild the affected TVIEW; TVIEWs reading it are recomputed by the cascade:",
                "Or, with many TVIEWs affected, rebuild all of them (one transaction; it recomputes every TVIEW in full):");
        doc.code("bash", psql + " -v tview=" + firstShort + " -f scripts/rebuild-one.sql\n" + psql + " -f scripts/rebuild-all.sql");
        doc.paragraph("Inside psql the same repair for only the differing rows is `SELECT * FROM pg_tviews_verify('" + first
                + "', repair => true);`.");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0 and lists no problem.");
        doc.paragraph("**Prevention.** Never disable the `tview_*` triggers on a live system; load data with triggers enabled or "
                + "rebuild afterwards; grant writes on `tv_` tables to no application role; run `scripts/verify.sql` (or "
                + "`tviews verify`) on a schedule.");
    }

    private static void lostMetadata(GuideDocument doc, String psql, String expected, String firstShort) {
        doc.heading(2, "Lost metadata", "lost-metadata");
        doc.paragraph("**Symptoms.** A `tv_` table exists but `pg_tview_meta` has no row for it (deleted by hand, a partial restore, "
                + "a `TRUNCATE` of the catalog): writes to its base tables still succeed, but the `tv_` table silently stops changing "
                + "(its generated triggers are left on the base tables and find nothing to refresh), and `pg_tviews_verify()` skips it. "
                + "`scripts/verify.sql` reports `metadata_lost`.");
        doc.paragraph("**Diagnosis.** Exported TVIEWs that the catalog does not know, and `tv_` tables without a catalog row:");
        doc.code("sql", "SELECT e.tview, to_regclass(e.tview) IS NOT NULL AS table_exists\nFROM (" + expected + ") AS e\n"
                + "WHERE NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.table_oid = to_regclass(e.tview));");
        doc.code("sql", """
                SELECT c.oid::regclass AS table_without_catalog_row
                FROM pg_class c
                WHERE c.relkind = 'r' AND c.relname LIKE 'tv\\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.table_oid = c.oid);""");
        doc.paragraph("**Recovery.** Rebuild the TVIEW: the script removes what is left of it (the generated triggers and functions "
                + "recorded at export, the `tv_` table, the `v_` view; TVIEWs reading it are dropped through `pg_tviews_drop`) and "
                + "creates it and its readers again from the exported definitions. A leftover that an object of yours depends on "
                + "makes it fail without changing anything: drop or move that object first. With several TVIEWs affected use `rebuild-all.sql`.");
        doc.code("bash", psql + " -v tview=" + firstShort + " -f scripts/rebuild-one.sql");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0; `SELECT entity, table_oid FROM pg_tview_meta` lists every TVIEW.");
        doc.paragraph("**Prevention.** Treat `pg_tview_meta` and `pg_tview_source` as part of the schema: never edit them; include them in "
                + "every dump (`pg_dump` does unless told to exclude them); drop TVIEWs only with `pg_tviews_drop` or `tviews drop`.");
    }

    private static void runtime(GuideDocument doc, String psql, Manifest manifest) {
        doc.heading(2, "Runtime not installed, or the wrong version, after a restore", "runtime");
        doc.paragraph("**Symptoms.** `function pg_tviews_create(...) does not exist`, `relation \"pg_tview_meta\" does not exist`, "
                + "or writes to base tables failing in `pg_tviews_*` functions; `tviews` commands exit with code 5. The scripts "
                + "of this playbook stop with `playbook: the TVIEW runtime is not installed` or `playbook: database ... holds "
                + "TVIEW runtime X, this playbook was exported with runtime " + manifest.runtimeVersion() + "`.");
        doc.paragraph("**Diagnosis.**");
        doc.code("sql", """
                SELECT to_regclass('public.pg_tviews_runtime') IS NOT NULL AS runtime_installed,
                       (SELECT extversion FROM pg_extension WHERE extname = 'pg_tviews') AS extension_version;""");
        doc.code("sql", "SELECT version, installed_at, installed_by FROM pg_tviews_runtime;");
        doc.paragraph("**Recovery.**");
        doc.steps("Install runtime " + manifest.runtimeVersion() + " from this playbook. It runs in one transaction and is idempotent; over "
                        + "another version it replaces the runtime's functions in place and keeps every TVIEW, its table and catalog rows:",
                "If TVIEWs are missing too (the runtime's catalog was not restored), re-create them:",
                "Then verify.");
        doc.code("bash", psql + " -f runtime/install.sql\n" + psql + " -f scripts/rebuild-all.sql\n" + psql + " -f scripts/verify.sql");
        doc.paragraph("On a database that holds only the base tables, `scripts/recreate-all.sql` does all three in one transaction. "
                + "It refuses to run over another runtime version (install this one first if you mean to go to it).");
        doc.paragraph("**Verify.** `SELECT pg_tviews_version();` returns " + manifest.runtimeVersion() + "; `scripts/verify.sql` exits with 0.");
        doc.paragraph("**Prevention.** Keep this playbook with the backups it belongs to; export a new one after every runtime upgrade.");
    }

    private static void cascade(GuideDocument doc, String psql) {
        doc.heading(2, "Runaway cascade", "runaway-cascade");
        doc.paragraph("**Symptoms.** Writes to a base table become slow or time out; long transactions hold locks; errors "
                + "`TV032 cascade_depth_exceeded`; one bulk `UPDATE` recomputes whole TVIEWs and every TVIEW reading them.");
        doc.paragraph("**Diagnosis.** Long-running writers, the TVIEWs with the most refresh work, the cascade depth setting:");
        doc.code("sql", """
                SELECT pid, state, wait_event_type, now() - xact_start AS running_for, left(query, 80) AS query
                FROM pg_stat_activity
                WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()
                ORDER BY xact_start;""");
        doc.code("sql", """
                SELECT tview, refresh_mode, refreshes, rows_updated, cascades, full_rebuilds
                FROM pg_tviews_metrics
                ORDER BY refreshes DESC;""");
        doc.code("sql", "SELECT entity, depth, refresh_mode FROM pg_tview_meta ORDER BY depth DESC, entity;");
        doc.code("sql", "SELECT name, value FROM pg_tviews_settings;");
        doc.paragraph("**Recovery.** A refresh runs inside the writing transaction, so stopping it is safe: the write and its TVIEW "
                + "work are rolled back together and the TVIEWs stay exact.");
        doc.steps("Cancel the runaway writer: `SELECT pg_cancel_backend(<pid>);` (or `pg_terminate_backend`).",
                "Split the bulk write into batches of a few thousand keys, each its own transaction.",
                "For TVIEWs that many statements of one transaction touch, switch to deferred refresh (once per row at commit): "
                        + "`SELECT pg_tviews_set_refresh_mode('<tview>', 'deferred');`.",
                "Raise `max_cascade_depth` only when the dependency graph really is that deep: `SELECT pg_tviews_set('max_cascade_depth', '20');`.");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0 (it always should after a cancelled writer).");
        doc.paragraph("**Prevention.** Look at `tviews impact <table>` before bulk changes; batch bulk loads; set "
                + "`statement_timeout` for application roles.");
        doc.code("bash", psql + " -f scripts/verify.sql");
    }

    private static void crash(GuideDocument doc, String psql) {
        doc.heading(2, "Crash during refresh", "crash");
        doc.paragraph("**Symptoms.** The server crashed, was killed or lost power while writers were refreshing TVIEWs.");
        doc.paragraph("**What happened.** TVIEW maintenance is part of each writing transaction: a transaction that did not "
                + "commit before the crash is rolled back by crash recovery together with its TVIEW changes. The refresh queue "
                + "(`pg_tviews_queue`) and the commit-hook table are unlogged: recovery empties them, and they only ever held work "
                + "of transactions that had not committed. Nothing needs repair; verify to be sure.");
        doc.paragraph("**Diagnosis.**");
        doc.code("sql", "SELECT count(*) AS queued_rows_of_this_session FROM pg_tviews_queue_realtime;");
        doc.code("sql", "SELECT pg_postmaster_start_time() AS server_started, pg_is_in_recovery() AS in_recovery;");
        doc.paragraph("**Recovery.** Run the verification; if it reports rows (only possible if triggers were bypassed before the crash), rebuild:");
        doc.code("bash", psql + " -f scripts/verify.sql\n" + psql + " -f scripts/rebuild-all.sql");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0.");
        doc.paragraph("**Prevention.** Nothing TVIEW-specific: `fsync` and `full_page_writes` on, as PostgreSQL requires anyway.");
    }

    private static void diskFull(GuideDocument doc, String psql, String firstShort) {
        doc.heading(2, "Disk full", "disk-full");
        doc.paragraph("**Symptoms.** Writes fail with `53100 could not extend file ... No space left on device`; the server may "
                + "stop if the WAL disk is full.");
        doc.paragraph("**What happened.** The failed statement's transaction is rolled back, its TVIEW work included: TVIEWs stay "
                + "exact. TVIEWs need space like any table: every refreshed row is a new row version until vacuum.");
        doc.paragraph("**Diagnosis.** The largest TVIEWs and the database size (compare with the sizes at export above):");
        doc.code("sql", """
                SELECT table_oid AS tview, pg_size_pretty(pg_total_relation_size(table_oid)) AS size
                FROM pg_tview_meta
                ORDER BY pg_total_relation_size(table_oid) DESC;""");
        doc.code("sql", "SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size;");
        doc.paragraph("**Recovery.**");
        doc.steps("Free space (old WAL after fixing a stuck archive or replication slot, other files); do not delete files in the data directory.",
                "`VACUUM` the largest `tv_` tables to reuse dead row versions.",
                "Run the verification. Rebuild one TVIEW at a time (`rebuild-one.sql`) rather than all at once: a full "
                        + "recompute needs room for a new version of every changed row.");
        doc.code("bash", psql + " -f scripts/verify.sql\n" + psql + " -v tview=" + firstShort + " -f scripts/rebuild-one.sql");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0.");
        doc.paragraph("**Prevention.** Alert on free space; count TVIEW sizes (the table above) in capacity planning; keep autovacuum on for `tv_` tables.");
    }

    private static void accidentalDrop(GuideDocument doc, String psql, String expected, String firstShort) {
        doc.heading(2, "Accidental drop", "accidental-drop");
        doc.paragraph("**Symptoms.** `relation \"" + firstShort + "\" does not exist`. Either the TVIEW was dropped properly "
                + "(`pg_tviews_drop`, `tviews drop`: table, view, triggers and catalog row are gone) or only its table was dropped "
                + "with `DROP TABLE` (the catalog row is left and points nowhere). A `DROP TABLE ... CASCADE` of a base table also "
                + "drops the `v_` views of the TVIEWs reading it.");
        doc.paragraph("**Diagnosis.**");
        doc.code("sql", "SELECT e.tview, to_regclass(e.tview) IS NOT NULL AS table_exists,\n"
                + "       EXISTS (SELECT 1 FROM pg_tview_meta m WHERE m.table_oid = to_regclass(e.tview)) AS in_catalog\n"
                + "FROM (" + expected + ") AS e;");
        doc.paragraph("**Recovery.**");
        doc.steps("If a base table was dropped, restore it (and its data) from your backup first; the playbook holds only the TVIEW layer.",
                "Rebuild the TVIEW: it is re-created from the exported definition, with every TVIEW that reads it.");
        doc.code("bash", psql + " -v tview=" + firstShort + " -f scripts/rebuild-one.sql");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0; if the base data is the exported state, `scripts/checksums.sql` too.");
        doc.paragraph("**Prevention.** Drop TVIEWs only with `pg_tviews_drop`; never `DROP ... CASCADE` in production scripts; "
                + "the runtime refuses to drop a TVIEW that others read unless told to cascade.");
    }

    private static void pgDump(GuideDocument doc, String psql, String db) {
        doc.heading(2, "Restore from pg_dump", "pg-dump");
        doc.paragraph("**What to expect.** A full `pg_dump` of `" + db + "` holds the runtime (its functions, catalog tables and rows), "
                + "every `tv_` table with its rows, the `v_` views and the generated triggers: a restore brings everything back, "
                + "and the triggers are created after the data is loaded, so loading does not fire them. With the extension "
                + "build (`CREATE EXTENSION pg_tviews`) the dump holds `CREATE EXTENSION` and the catalog rows. "
                + "Partial dumps (`-t`, `-T 'tv_*'`, `--data-only`, `--section`) leave the TVIEW layer incomplete or stale.");
        doc.paragraph("**Diagnosis.** After the restore:");
        doc.code("sql", "SELECT entity, table_oid, depth FROM pg_tview_meta ORDER BY depth, entity;");
        doc.code("bash", psql + " -f scripts/verify.sql");
        doc.paragraph("**Recovery.**");
        doc.steps("If the runtime is missing or another version: see [Runtime not installed](#runtime).",
                "If TVIEWs are missing or `verify.sql` reports rows: `" + psql + " -f scripts/rebuild-all.sql`.",
                "Restoring only base tables into an empty database: restore them, then `" + psql + " -f scripts/recreate-all.sql`.");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0; `scripts/checksums.sql` matches when the dump was taken at the export time.");
        doc.paragraph("**Prevention.** Dump whole databases (or at least base tables, runtime catalog and `tv_` tables together, in "
                + "one `pg_dump` run so they share a snapshot); export a new playbook with each backup.");
    }

    private static void failover(GuideDocument doc, String psql) {
        doc.heading(2, "Failover to a replica", "failover");
        doc.paragraph("**Physical (streaming) replicas** hold an exact copy: `tv_` tables, catalog and triggers are replicated like "
                + "any table. The unlogged runtime tables (`pg_tviews_queue`, `pg_tviews_commit_hook`, `pg_tviews_lock_guard`, "
                + "`pg_tviews_lock_slot`) are empty on a promoted replica, which is correct: they only held work of transactions "
                + "in progress, and the first writer of each TVIEW creates its lock rows again. After promotion nothing needs repair.");
        doc.paragraph("**Logical replication** copies rows, not the triggers' effect: the apply worker runs with "
                + "`session_replication_role = replica`, so the TVIEW triggers on a subscriber do not fire and its `tv_` tables "
                + "are only as current as what was replicated into them. After failing over to a logical subscriber, rebuild.");
        doc.paragraph("**Diagnosis.** On the new primary (the scripts need a writable server):");
        doc.code("sql", "SELECT pg_is_in_recovery() AS still_standby, current_setting('session_replication_role') AS replication_role;");
        doc.code("sql", "SELECT subname, subenabled FROM pg_subscription;");
        doc.paragraph("**Recovery.**");
        doc.code("bash", psql + " -f scripts/verify.sql\n" + psql + " -f scripts/rebuild-all.sql");
        doc.paragraph("**Verify.** `scripts/verify.sql` exits with 0 on the new primary.");
        doc.paragraph("**Prevention.** Prefer physical replicas for failover; run `scripts/verify.sql` as part of every failover drill.");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.stream().map(s -> "`" + s + "`").toList();
    }

    static String formatBytes(long bytes) {
        if (bytes < 0) {
            return "?";
        }
        if (bytes < 10 * 1024) {
            return bytes + " B";
        }
        if (bytes < 10L * 1024 * 1024) {
            return bytes / 1024 + " kB";
        }
        return bytes / (1024 * 1024) + " MB";
    }
}
