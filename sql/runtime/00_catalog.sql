-- Catalog of the TVIEW runtime. All runtime objects live in schema public and are named pg_tview*,
-- the names of the original pg_tviews extension. Relations are stored as regclass so that a
-- pg_dump / restore keeps the catalog pointing at the right tables.

CREATE TABLE IF NOT EXISTS public.pg_tviews_runtime (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version      text        NOT NULL,
    installed_at timestamptz NOT NULL DEFAULT now(),
    installed_by name        NOT NULL DEFAULT current_user
);
COMMENT ON TABLE public.pg_tviews_runtime IS 'The installed TVIEW runtime version (one row).';

-- Its row is written once pg_tviews_version() exists (40_api.sql).

CREATE TABLE IF NOT EXISTS public.pg_tview_meta (
    entity           text PRIMARY KEY,
    schema_name      name        NOT NULL,
    view_oid         regclass    NOT NULL,
    table_oid        regclass    NOT NULL,
    definition       text        NOT NULL,
    pk_column        name        NOT NULL,
    dependencies     regclass[]  NOT NULL DEFAULT '{}',
    fk_columns       text[]      NOT NULL DEFAULT '{}',
    uuid_fk_columns  text[]      NOT NULL DEFAULT '{}',
    dependency_types text[]      NOT NULL DEFAULT '{}',
    dependency_paths text[]      NOT NULL DEFAULT '{}',
    array_match_keys text[],
    depth            integer     NOT NULL DEFAULT 0,
    refresh_function text        NOT NULL,
    refresh_mode     text        NOT NULL DEFAULT 'immediate' CHECK (refresh_mode IN ('immediate', 'deferred')),
    created_by       name        NOT NULL DEFAULT current_user,
    created_at       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.pg_tview_meta IS
    'One row per TVIEW: its backing view v_<entity>, table tv_<entity>, definition and lineage summary.';
-- The tables and columns v_<entity> read when the TVIEW was created, by name (schema.table and
-- schema.table.column, quoted): the health check compares them with what the view reads now to
-- find renamed sources without ever executing the stored definition (names, not oids, so that a
-- pg_dump / restore changes nothing).
ALTER TABLE public.pg_tview_meta ADD COLUMN IF NOT EXISTS view_reads text[];

-- How a change in one source relation reaches the TVIEW's rows: the source column whose values,
-- matched against the TVIEW column, give the primary keys of the tv_ rows to recompute.
CREATE TABLE IF NOT EXISTS public.pg_tview_source (
    entity           text     NOT NULL REFERENCES public.pg_tview_meta (entity) ON DELETE CASCADE,
    source           regclass NOT NULL,
    source_kind      text     NOT NULL CHECK (source_kind IN ('table', 'tview')),
    rule             text     NOT NULL CHECK (rule IN ('root', 'parent', 'child')),
    tview_column     name     NOT NULL,
    source_column    name     NOT NULL,
    trigger_function text     NOT NULL,
    trigger_prefix   name     NOT NULL,
    PRIMARY KEY (entity, source, rule, tview_column)
);
COMMENT ON TABLE public.pg_tview_source IS
    'Lineage: for each TVIEW and source relation, the rule (root, parent, child) that finds the rows a change touches.';
CREATE INDEX IF NOT EXISTS pg_tview_source_source_idx ON public.pg_tview_source (source);

-- Who created, dropped, refreshed, converted or switched the refresh mode of which TVIEW, when and
-- from where. Written only through pg_tviews__audit (SECURITY DEFINER), which takes the user, time
-- and client address from the session; no other role may write it (90_privileges.sql).
CREATE TABLE IF NOT EXISTS public.pg_tview_audit_log (
    operation    text        NOT NULL CHECK (operation IN ('create', 'drop', 'refresh', 'set_refresh_mode', 'convert_table')),
    entity       text        NOT NULL,
    performed_by name        NOT NULL,
    performed_at timestamptz NOT NULL,
    details      jsonb       NOT NULL DEFAULT '{}',
    client_addr  inet,
    client_port  integer
);
COMMENT ON TABLE public.pg_tview_audit_log IS
    'One row per pg_tviews_create, pg_tviews_drop, pg_tviews_refresh, pg_tviews_set_refresh_mode and pg_tviews_convert_table of a TVIEW.';
CREATE INDEX IF NOT EXISTS pg_tview_audit_log_time_idx ON public.pg_tview_audit_log (performed_at);

-- Runtime settings: one row per setting; pg_tviews_set() changes them. A session may override a
-- setting for itself with SET pg_tviews.<name> = ... (custom options need no server change).
CREATE TABLE IF NOT EXISTS public.pg_tviews_settings (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    description text NOT NULL
);
INSERT INTO public.pg_tviews_settings (name, value, description) VALUES
    ('default_refresh_mode', 'immediate',
     'Refresh mode of new TVIEWs: immediate (rows current after each statement) or deferred (once per row at commit).'),
    ('max_cascade_depth', '10',
     'Deepest TVIEW (dependency depth) a refresh may reach; deeper cascades fail with TV032.'),
    ('isolation_guard', 'off',
     'READ COMMITTED writers write lock-guard rows too (on), so mixed isolation levels fail with 40001, not go stale.')
ON CONFLICT (name) DO NOTHING;

-- The refresh queue: (transaction, TVIEW, key) triples waiting to be recomputed. Rows are only
-- ever seen by the transaction that wrote them (MVCC), so ROLLBACK, ROLLBACK TO SAVEPOINT and
-- pooled connections need no cleanup; a flush deletes its transaction's rows. Unlogged: a crash
-- loses nothing that a committed transaction still needed.
-- A row is a key to recompute (via = '') or a lineage item: a parent key value that changed, for
-- the TVIEW's lineage column named in via, resolved to keys by the flush after locking it.
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_queue (
    xid    xid8   NOT NULL,
    entity text   NOT NULL,
    via    text   NOT NULL DEFAULT '',
    pk     bigint NOT NULL,
    PRIMARY KEY (xid, entity, via, pk)
);
-- How many trigger calls offered this key (the metrics' enqueued and coalesced counts): kept in
-- the runtime's own table, not in a session option that any role could set.
ALTER TABLE public.pg_tviews_queue ADD COLUMN IF NOT EXISTS hits integer NOT NULL DEFAULT 1;
-- Whether the flush must lock the parent keys that this key's row reads (a key): false only when
-- every statement that queued it pointed no row at another parent (pg_tviews__enqueue's p_parents,
-- which the generated triggers compute as they do for the direct path). The flush then skips
-- the parent-lock query for it, which cost a queued single-row write 11 % (issue #18).
ALTER TABLE public.pg_tviews_queue ADD COLUMN IF NOT EXISTS parents boolean NOT NULL DEFAULT true;
COMMENT ON TABLE public.pg_tviews_queue IS 'Pending (transaction, TVIEW, key) refreshes; private to the runtime.';

-- One row per transaction with deferred work; its deferred constraint trigger flushes the queue
-- at COMMIT (and before PREPARE TRANSACTION returns).
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_commit_hook (
    xid xid8 PRIMARY KEY
);

-- REPEATABLE READ and SERIALIZABLE: a refresh lock (space, key) taken by a transaction is also
-- written here. An advisory lock only shows writers still running; this row shows one that
-- committed after the current snapshot too (writing it then fails with 40001), which closes the
-- write skew between a transaction that changes a parent and one that points a new row at it.
-- With the setting isolation_guard on, READ COMMITTED writers write these rows too (see
-- pg_tviews__take_locks), which closes the same skew between levels.
-- Unlogged, one row per key ever locked at those levels; never read, only written.
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_lock_guard (
    space integer NOT NULL,
    key   integer NOT NULL,
    xid   xid8    NOT NULL,
    PRIMARY KEY (space, key)
);
COMMENT ON TABLE public.pg_tviews_lock_guard IS 'Refresh locks taken under REPEATABLE READ/SERIALIZABLE (and READ COMMITTED with isolation_guard on); private to the runtime.';

-- The refresh locks (pg_tviews__take_locks, 30_generator.sql), as row locks on this table: a
-- refresh lock must not be takeable by a role that cannot write the TVIEW's sources, and no role
-- but the runtime's owner may lock rows of it (every locking clause needs UPDATE on the table).
-- Advisory locks, which every role may take, let any role block every writer of a TVIEW. One lock
-- space per TVIEW table and per parent table (hashtext of its name), each with 65,536 buckets
-- (slot 0 to 65535: a key's lock is the row of its bucket, pg_tviews__bucket, so unrelated keys
-- share a bucket rarely, and then only wait for each other). Many keys of one space are
-- locked by one statement (pg_tviews__lock_slots). The rows of a space are created with the TVIEW
-- that locks it (pg_tviews__lock_space_trigger), and by its first lock after a crash (the table is
-- unlogged); never updated, only locked.
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_lock_slot (
    space integer NOT NULL,
    slot  integer NOT NULL,
    PRIMARY KEY (space, slot)
);
COMMENT ON TABLE public.pg_tviews_lock_slot IS 'Refresh locks of the runtime, as row locks that only its owner may take; private to the runtime.';

-- The proof by which a caller's identity reaches SECURITY DEFINER code. Inside such a function
-- current_user is the runtime's owner, so the API functions (which run with the caller's rights)
-- first insert a row here naming the relation the caller acts on; the row-level security policy
-- (90_privileges.sql), evaluated as the caller, admits it only when the caller owns that
-- (non-temporary) relation, and its trigger validates a definition text with the caller's rights.
-- The SECURITY DEFINER function then consumes the row (pg_tviews__caller_owns). Rows are private to
-- their transaction and deleted when used; a row left by a committed transaction proves nothing
-- (the transaction id differs) and is removed by the next use.
CREATE UNLOGGED TABLE IF NOT EXISTS public.pg_tviews_caller_proof (
    xid        xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    rel        oid  NOT NULL,
    made_by    name NOT NULL DEFAULT current_user,
    definition text
);
COMMENT ON TABLE public.pg_tviews_caller_proof IS
    'Proof, for SECURITY DEFINER runtime code, that the calling role owns a relation; private to the runtime.';

-- Tokens of running flushes. A flush marks itself in the session option pg_tviews.flushing and
-- with a random token set into this sequence (setval): the session's currval, which only the
-- runtime's owner may read, proves that the option was set by a running flush and not by SET.
DO $$
BEGIN
    IF to_regclass('public.pg_tviews_flush_token') IS NULL THEN
        CREATE UNLOGGED SEQUENCE public.pg_tviews_flush_token MINVALUE -9223372036854775808 NO CYCLE;
    END IF;
END
$$;

-- One advisory lock a refresh needs: (space, key), exclusive or shared.
DO $$
BEGIN
    IF to_regtype('public.pg_tviews_lock') IS NULL THEN
        CREATE TYPE public.pg_tviews_lock AS (space integer, key integer, exclusive boolean);
    END IF;
END
$$;

-- Installed as an extension, the catalog's rows are user data that pg_dump must keep.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_tviews') THEN
        PERFORM pg_catalog.pg_extension_config_dump('public.pg_tview_meta', '');
        PERFORM pg_catalog.pg_extension_config_dump('public.pg_tview_source', '');
        PERFORM pg_catalog.pg_extension_config_dump('public.pg_tview_audit_log', '');
    END IF;
END
$$;
