-- The rest of the original pg_tviews extension's SQL surface, under its names and signatures, so
-- that scripts written for it carry over: definition analysis, column types, manual propagation of
-- one row, converting a hand-filled tv_ table, two-phase commit helpers, the audit log and the list
-- of helper objects. docs/reference/compatibility.md says where a function differs and why.

-- Records one API call in pg_tview_audit_log. Called only by the runtime's own SECURITY DEFINER
-- steps of the API (pg_tviews__register's callers through pg_tviews__audit_owned, __unregister,
-- __refresh_keys, __write_refresh_mode), after the caller proved it owns the TVIEW; nobody else
-- may execute it (90_privileges.sql). Who, when and from where come from the session, never from
-- the caller; the claim must match the catalog (the TVIEW exists, or is gone after a drop).
CREATE OR REPLACE FUNCTION public.pg_tviews__audit(p_operation text, p_entity text, p_details jsonb)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_operation NOT IN ('create', 'drop', 'refresh', 'set_refresh_mode', 'convert_table')
       OR (p_operation = 'drop') = EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = p_entity) THEN
        PERFORM public.pg_tviews__fail('TV061', format('no %s of TVIEW tv_%s to record', p_operation, p_entity),
            'The audit log is written by pg_tviews_create, pg_tviews_drop, pg_tviews_refresh, '
            || 'pg_tviews_set_refresh_mode and pg_tviews_convert_table.');
    END IF;
    INSERT INTO public.pg_tview_audit_log (operation, entity, performed_by, performed_at, details, client_addr, client_port)
    VALUES (p_operation, p_entity, session_user, clock_timestamp(), coalesce(p_details, '{}'),
            inet_client_addr(), inet_client_port());
END
$$;

-- Appends {code, message} of the error being handled to an errors array.
CREATE OR REPLACE FUNCTION public.pg_tviews__error_entry(p_code text, p_message text)
RETURNS jsonb
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT jsonb_build_array(jsonb_build_object('code', p_code, 'message', p_message)) $$;

-- Analyses a SELECT as pg_tviews_create would, without creating anything: the view is created in
-- pg_temp inside a subtransaction that is always rolled back. Definition errors do not raise: they
-- are returned in "errors" with the TV code pg_tviews_create raises, so that a tool sees every
-- independent problem at once (unsupported SQL, columns, lineage). The entity is the first column
-- named pk_<entity>; messages name the TVIEW tv_<entity> as pg_tviews_create(tv_<entity>, sql) does.
CREATE OR REPLACE FUNCTION public.pg_tviews_analyze_select(sql text)
RETURNS jsonb
LANGUAGE plpgsql
-- No pinned search_path: the SELECT is the caller's SQL, resolved as pg_tviews_create resolves it.
AS $$
DECLARE
    v_sql text;
    v_view regclass;
    v_entity text;
    v_label text := 'SELECT';
    v_result jsonb := jsonb_build_object('pk_column', NULL, 'id_column', NULL, 'data_column', NULL,
                                         'fk_columns', '[]'::jsonb, 'uuid_fk_columns', '[]'::jsonb,
                                         'sources', '[]'::jsonb);
    v_errors jsonb := '[]';
    v_state text;
    v_message text;
BEGIN
    BEGIN
        v_sql := public.pg_tviews__single_statement(sql);
        BEGIN
            v_view := public.pg_tviews__create_view('pg_temp', 'pg_tviews_analyze', NULL, v_label, v_sql);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
            -- Before the columns are known the SELECT has no TVIEW name: 'TVIEW SELECT: x' reads 'SELECT: x'.
            RAISE EXCEPTION USING ERRCODE = v_state, MESSAGE = regexp_replace(v_message, '^TVIEW SELECT', 'SELECT');
        END;
        SELECT substr(a.attname, 4) INTO v_entity FROM pg_attribute a
        WHERE a.attrelid = v_view AND a.attnum > 0 AND NOT a.attisdropped AND a.attname ~ '^pk_[a-z][a-z0-9_]*$'
        ORDER BY a.attnum LIMIT 1;
        IF v_entity IS NOT NULL THEN
            v_label := 'tv_' || v_entity;
        END IF;
        v_result := v_result || jsonb_build_object(
            'pk_column', 'pk_' || v_entity,
            'id_column', (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = v_view AND a.attname = 'id' AND NOT a.attisdropped),
            'data_column', (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = v_view AND a.attname = 'data' AND NOT a.attisdropped),
            'fk_columns', coalesce((SELECT jsonb_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
                                    WHERE a.attrelid = v_view AND a.attname LIKE 'fk\_%' AND a.attnum > 0 AND NOT a.attisdropped), '[]'),
            'uuid_fk_columns', coalesce((SELECT jsonb_agg(a.attname ORDER BY a.attnum) FROM pg_attribute a
                                         WHERE a.attrelid = v_view AND a.attname LIKE '%\_id' AND a.atttypid = 'uuid'::regtype
                                           AND a.attnum > 0 AND NOT a.attisdropped), '[]'));

        BEGIN
            PERFORM public.pg_tviews__check_supported(v_view, v_label);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
            v_errors := v_errors || public.pg_tviews__error_entry(v_state, regexp_replace(v_message, '^TVIEW SELECT', 'SELECT'));
        END;
        IF v_entity IS NULL THEN
            v_errors := v_errors || public.pg_tviews__error_entry('TV011', 'SELECT: the definition has no column pk_<entity>');
        ELSE
            BEGIN
                PERFORM public.pg_tviews__check_columns(v_view, v_label, v_entity);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
                v_errors := v_errors || public.pg_tviews__error_entry(v_state, v_message);
            END;
            BEGIN
                v_result := v_result || jsonb_build_object('sources', coalesce((
                    SELECT jsonb_agg(jsonb_build_object('table', l.source::text, 'kind', l.source_kind, 'rule', l.rule,
                                                        'source_column', l.source_column, 'tview_column', l.tview_column)
                                     ORDER BY l.source::text, l.rule, l.tview_column)
                    FROM public.pg_tviews__derive_lineage(v_view, v_label, v_entity) l), '[]'));
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
                v_errors := v_errors || public.pg_tviews__error_entry(v_state, v_message);
            END;
            IF EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = v_entity
                       AND m.table_oid = ANY (SELECT s.source FROM public.pg_tviews__view_sources(v_view) s)) THEN
                v_errors := v_errors || public.pg_tviews__error_entry('TV030', format('TVIEW %s cannot read itself', v_label));
            END IF;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'TV999';  -- roll the temporary view back; the variables keep their values
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
        IF v_state <> 'TV999' THEN
            IF v_state NOT LIKE 'TV%' THEN
                RAISE;  -- not a definition problem (out of memory, query canceled, ...)
            END IF;
            v_errors := v_errors || public.pg_tviews__error_entry(v_state, v_message);
        END IF;
    END;
    RETURN v_result || jsonb_build_object('errors', v_errors);
END
$$;

-- Column name -> type (format_type) of a table or view; NULL columns means all of them.
CREATE OR REPLACE FUNCTION public.pg_tviews_infer_types(table_name text, columns text[] DEFAULT NULL)
RETURNS jsonb
LANGUAGE plpgsql STABLE
-- No pinned search_path: an unqualified name is found on the caller's search_path.
AS $$
DECLARE
    v_rel regclass;
    v_missing text;
    v_result jsonb;
BEGIN
    BEGIN
        v_rel := pg_catalog.to_regclass(table_name);
    EXCEPTION WHEN invalid_name OR invalid_parameter_value OR syntax_error THEN
        v_rel := NULL;  -- not a valid relation name at all
    END;
    IF v_rel IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = v_rel AND c.relkind IN ('r', 'p', 'v', 'm', 'f')) THEN
        PERFORM public.pg_tviews__fail('TV040', format('table or view %s does not exist', coalesce(quote_literal(table_name), 'NULL')),
            'Check the name and the search_path; qualify it with its schema, e.g. public.tb_post.');
    END IF;
    SELECT string_agg(coalesce(quote_literal(c.name), 'NULL'), ', ' ORDER BY c.n) INTO v_missing
    FROM unnest(columns) WITH ORDINALITY AS c(name, n)
    WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                      WHERE a.attrelid = v_rel AND a.attname = c.name AND a.attnum > 0 AND NOT a.attisdropped);
    IF v_missing IS NOT NULL THEN
        PERFORM public.pg_tviews__fail('TV041', format('%s has no column %s', v_rel, v_missing),
            format('SELECT pg_tviews_infer_types(%L) lists every column of %s.', table_name, v_rel));
    END IF;
    SELECT coalesce(jsonb_object_agg(a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)), '{}') INTO v_result
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = v_rel AND a.attnum > 0 AND NOT a.attisdropped
      AND (columns IS NULL OR a.attname = ANY (columns));
    RETURN v_result;
END
$$;

-- Whether the source table p_table holds a row whose primary key p_pk equals p_value.
CREATE OR REPLACE FUNCTION public.pg_tviews__source_row_exists(p_table oid, p_pk name, p_value bigint)
RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_found boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I = $1)', p_table::regclass, p_pk) INTO v_found USING p_value;
    RETURN v_found;
END
$$;

-- Propagates the insert of one row written while triggers were off (session_replication_role =
-- replica, say): the same as pg_tviews_cascade, but the row must exist.
CREATE OR REPLACE FUNCTION public.pg_tviews_insert(base_table_oid oid, pk_value bigint)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pk name := public.pg_tviews__source_pk(base_table_oid, 'pg_tviews_insert');
BEGIN
    IF NOT public.pg_tviews__source_row_exists(base_table_oid, v_pk, pk_value) THEN
        PERFORM public.pg_tviews__fail('TV061', format('%s has no row with %s = %s', base_table_oid::regclass, v_pk, pk_value),
            'pg_tviews_insert propagates a row that exists; after a delete, call pg_tviews_delete.');
    END IF;
    RETURN public.pg_tviews_cascade(base_table_oid, pk_value);
END
$$;

-- Propagates the delete of one row removed while triggers were off. The row is gone, so only its
-- primary key is known: rules that match on the source's primary key (root, parent) queue that
-- key; a rule that needs another column of the deleted row (child: its fk_<entity>) cannot tell
-- which rows it was part of, and queues every key of that TVIEW (only rows that differ are written).
CREATE OR REPLACE FUNCTION public.pg_tviews_delete(base_table_oid oid, pk_value bigint)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pk name := public.pg_tviews__source_pk(base_table_oid, 'pg_tviews_delete');
    v_rule record;
    v_keys bigint[];
    v_total integer := 0;
BEGIN
    IF public.pg_tviews__source_row_exists(base_table_oid, v_pk, pk_value) THEN
        PERFORM public.pg_tviews__fail('TV061', format('%s still has a row with %s = %s', base_table_oid::regclass, v_pk, pk_value),
            'pg_tviews_delete propagates a row that was deleted; for a row that exists, call pg_tviews_cascade.');
    END IF;
    FOR v_rule IN SELECT s.entity, s.rule, s.tview_column, s.source_column, m.table_oid, m.view_oid, m.pk_column
                  FROM public.pg_tview_source s JOIN public.pg_tview_meta m ON m.entity = s.entity
                  WHERE s.source = base_table_oid ORDER BY s.entity, s.rule, s.tview_column LOOP
        IF v_rule.source_column = v_pk THEN
            v_keys := ARRAY[pk_value];
        ELSE
            EXECUTE format('SELECT ARRAY(SELECT t.%1$I::bigint FROM %2$s t UNION SELECT v.%1$I::bigint FROM %3$s v)',
                           v_rule.pk_column, v_rule.table_oid, v_rule.view_oid) INTO v_keys;
        END IF;
        PERFORM public.pg_tviews__enqueue(v_rule.entity, v_keys,
            CASE WHEN v_rule.rule = 'parent' AND v_rule.source_column = v_pk THEN v_rule.tview_column::text ELSE '' END);
        v_total := v_total + coalesce(cardinality(v_keys), 0);
    END LOOP;
    PERFORM public.pg_tviews__flush(true);
    RETURN v_total;
END
$$;

-- Turns a hand-filled table tv_<entity> into a TVIEW defined by the existing view v_<entity> in the
-- same schema. The table is renamed aside, the view dropped and the TVIEW created from the view's
-- definition; the new table must hold exactly the old table's rows (same columns, same order, same
-- values), and only then is the old table dropped. Privileges granted on the old table and view
-- are granted again on the new ones. Any refusal raises, and the caller's statement undoes it all.
CREATE OR REPLACE FUNCTION public.pg_tviews_convert_table(table_name text, entity text)
RETURNS text
LANGUAGE plpgsql
-- No pinned search_path: the view's definition is recreated with the caller's, as it prints.
AS $$
DECLARE
    v_rel regclass;
    v_schema name;
    v_relname name;
    n record;
    v_view regclass;
    v_definition text;
    v_aside name;
    v_old regclass;
    v_table_acl aclitem[];
    v_view_acl aclitem[];
    v_new public.pg_tview_meta;
    v_old_cols text;
    v_new_cols text;
    v_differ bigint;
    v_rows bigint;
    v_grant record;
    v_message text;
BEGIN
    BEGIN
        v_rel := pg_catalog.to_regclass(table_name);
    EXCEPTION WHEN invalid_name OR invalid_parameter_value OR syntax_error THEN
        v_rel := NULL;
    END;
    IF v_rel IS NULL THEN
        PERFORM public.pg_tviews__fail('TV040', format('table %s does not exist', coalesce(quote_literal(table_name), 'NULL')),
            'Name the existing table tv_<entity> to convert, optionally schema-qualified.');
    END IF;
    SELECT c.relnamespace::regnamespace::name, c.relname INTO v_schema, v_relname FROM pg_catalog.pg_class c WHERE c.oid = v_rel;
    SELECT * INTO n FROM public.pg_tviews__parse_name(format('%I.%I', v_schema, 'tv_' || coalesce(entity, '')));
    IF EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.entity = n.entity) THEN
        PERFORM public.pg_tviews__fail('TV002', format('TVIEW tv_%s already exists', n.entity),
            'pg_tviews_convert_table converts a plain table; this one is a TVIEW already.');
    END IF;
    IF v_relname <> n.table_name OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = v_rel) <> 'r' THEN
        PERFORM public.pg_tviews__fail('TV070',
            format('cannot convert %s into TVIEW %I.%I: it is not a plain table named %I', v_rel, v_schema, n.table_name, n.table_name),
            'pg_tviews_convert_table(''tv_<entity>'', ''<entity>'') converts an ordinary (not partitioned) table tv_<entity>.');
    END IF;
    v_view := pg_catalog.to_regclass(format('%I.%I', v_schema, n.view_name));
    IF v_view IS NULL OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = v_view) <> 'v' THEN
        PERFORM public.pg_tviews__fail('TV040',
            format('cannot convert %s: view %I.%I does not exist', v_rel, v_schema, n.view_name),
            format('Create the view %I.%I with the definition first; its rows must equal those of %s.', v_schema, n.view_name, v_rel));
    END IF;

    v_definition := pg_catalog.pg_get_viewdef(v_view, false);
    SELECT c.relacl INTO v_table_acl FROM pg_catalog.pg_class c WHERE c.oid = v_rel;
    SELECT c.relacl INTO v_view_acl FROM pg_catalog.pg_class c WHERE c.oid = v_view;
    v_aside := public.pg_tviews__short_name(format('pg_tviews_convert_%s', v_rel::oid));
    BEGIN
        EXECUTE format('ALTER TABLE %s RENAME TO %I', v_rel, v_aside);
        EXECUTE format('DROP VIEW %s', v_view);
    EXCEPTION WHEN dependent_objects_still_exist OR insufficient_privilege THEN
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
        PERFORM public.pg_tviews__fail(CASE WHEN SQLSTATE = '42501' THEN 'TV050' ELSE 'TV070' END,
            format('cannot convert %I.%I: %s', v_schema, n.table_name, v_message),
            'Run it as the owner of the table and the view; drop objects that depend on the view first (and re-create them after).');
    END;
    v_old := format('%I.%I', v_schema, v_aside)::regclass;
    PERFORM public.pg_tviews_create(format('%I.%I', v_schema, n.table_name), v_definition);
    v_new := public.pg_tviews__meta(format('%I.%I', v_schema, n.table_name));

    SELECT string_agg(format('%s %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum) INTO v_old_cols
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = v_old AND a.attnum > 0 AND NOT a.attisdropped;
    SELECT string_agg(format('%s %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum) INTO v_new_cols
    FROM pg_catalog.pg_attribute a WHERE a.attrelid = v_new.table_oid AND a.attnum > 0 AND NOT a.attisdropped;
    IF v_old_cols IS DISTINCT FROM v_new_cols THEN
        PERFORM public.pg_tviews__fail('TV071',
            format('cannot convert %I.%I: its columns differ from those of view %I', v_schema, n.table_name, n.view_name),
            'The table must have the view''s columns, with the same names and types in the same order.',
            format('table: (%s); view: (%s)', v_old_cols, v_new_cols));
    END IF;
    -- Rows compared as jsonb: every type has a jsonb form, not every type an equality operator.
    EXECUTE format('SELECT (SELECT count(*) FROM (SELECT to_jsonb(o) FROM %1$s o EXCEPT ALL SELECT to_jsonb(t) FROM %2$s t) d)
                         + (SELECT count(*) FROM (SELECT to_jsonb(t) FROM %2$s t EXCEPT ALL SELECT to_jsonb(o) FROM %1$s o) d),
                           (SELECT count(*) FROM %2$s)', v_old, v_new.table_oid)
        INTO v_differ, v_rows;
    IF v_differ > 0 THEN
        PERFORM public.pg_tviews__fail('TV071',
            format('cannot convert %I.%I: %s row(s) differ from view %I', v_schema, n.table_name, v_differ, n.view_name),
            format('Make the table equal to the view (or drop the table and call pg_tviews_create with the view''s definition).'),
            format('rows in only one of %I.%I and %I.%I, counted with duplicates', v_schema, n.table_name, v_schema, n.view_name));
    END IF;
    BEGIN
        EXECUTE format('DROP TABLE %s', v_old);
    EXCEPTION WHEN dependent_objects_still_exist THEN
        GET STACKED DIAGNOSTICS v_message = MESSAGE_TEXT;
        PERFORM public.pg_tviews__fail('TV070',
            format('cannot convert %I.%I: other objects depend on the table', v_schema, n.table_name),
            'Drop the views, foreign keys or other objects that use the table first (and re-create them after).', v_message);
    END;
    FOR v_grant IN SELECT v_new.table_oid AS rel, a.grantee, a.privilege_type, a.is_grantable
                   FROM aclexplode(v_table_acl) a
                   UNION ALL
                   SELECT v_new.view_oid, a.grantee, a.privilege_type, a.is_grantable FROM aclexplode(v_view_acl) a LOOP
        CONTINUE WHEN v_grant.grantee = (SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = v_grant.rel);
        EXECUTE format('GRANT %s ON %s TO %s%s', v_grant.privilege_type, v_grant.rel,
                       CASE WHEN v_grant.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_catalog.pg_get_userbyid(v_grant.grantee)) END,
                       CASE WHEN v_grant.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
    PERFORM public.pg_tviews__prove_owner(v_new.table_oid, format('convert %s', v_new.table_oid));
    PERFORM public.pg_tviews__audit_owned('convert_table', n.entity, jsonb_build_object('table', v_new.table_oid::text, 'rows', v_rows));
    RETURN format('table %s converted into a TVIEW: %s rows equal to %s', v_new.table_oid, v_rows, v_new.view_oid);
END
$$;

-- The original switched row-level triggers to statement-level ones for bulk loads. Every trigger
-- this runtime installs is statement-level with transition tables, so there is nothing to switch:
-- returns the number of source tables whose runtime triggers are all statement-level.
CREATE OR REPLACE FUNCTION public.pg_tviews_install_stmt_triggers()
RETURNS integer
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT count(*)::integer FROM (
        SELECT s.source
        FROM public.pg_tview_source s
        JOIN pg_trigger t ON t.tgrelid = s.source
         AND (t.tgname IN (s.trigger_prefix || '_ins', s.trigger_prefix || '_upd', s.trigger_prefix || '_del',
                           s.trigger_prefix || '_trn') OR t.tgname = 'tview_zz_flush')
        GROUP BY s.source
        HAVING bool_and(t.tgtype::integer & 1 = 0)) AS statement_level  -- bit 0 of tgtype: FOR EACH ROW
$$;

-- Raises TV080 unless gid names a transaction prepared in this database.
CREATE OR REPLACE FUNCTION public.pg_tviews__prepared(p_gid text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_prepared_xacts p WHERE p.gid = p_gid AND p.database = current_database()) THEN
        PERFORM public.pg_tviews__fail('TV080', format('no transaction %s is prepared in this database', coalesce(quote_literal(p_gid), 'NULL')),
            'SELECT * FROM pg_tviews_recover_prepared_transactions() lists the prepared transactions.');
    END IF;
END
$$;

-- COMMIT PREPARED and ROLLBACK PREPARED cannot run inside a function (they end a transaction), and
-- the runtime has nothing to add to them: PREPARE TRANSACTION flushed the refresh queue already.
-- These check the gid and raise TV081 with the statement to run, so that no script believes a
-- call succeeded while the transaction stays prepared.
CREATE OR REPLACE FUNCTION public.pg_tviews__refuse_prepared(p_statement text, p_gid text, p_why text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM public.pg_tviews__prepared(p_gid);
    PERFORM public.pg_tviews__fail('TV081', format('run %s %L as a statement of its own', p_statement, p_gid),
        format('%s %L;', p_statement, p_gid), 'A function cannot end a transaction; ' || p_why);
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_commit_prepared(gid text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM public.pg_tviews__refuse_prepared('COMMIT PREPARED', gid,
        'the runtime flushed its refresh queue at PREPARE TRANSACTION, so the plain statement is all that is left to do.');
END
$$;

CREATE OR REPLACE FUNCTION public.pg_tviews_rollback_prepared(gid text)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM public.pg_tviews__refuse_prepared('ROLLBACK PREPARED', gid,
        'ROLLBACK PREPARED discards the base-table writes and the refreshed tv_ rows together.');
END
$$;

-- The transactions prepared in this database: queue_size counts the refresh-queue rows this
-- session sees for it (0: the queue is flushed before PREPARE TRANSACTION returns, and a prepared
-- transaction's own rows are invisible to others); status says whether it wrote TVIEW tables,
-- read from the relation locks it holds.
CREATE OR REPLACE FUNCTION public.pg_tviews_recover_prepared_transactions()
RETURNS TABLE (gid text, queue_size integer, status text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.gid,
           (SELECT count(*)::integer FROM public.pg_tviews_queue q WHERE q.xid::xid = p.transaction),
           coalesce('tviews_written: ' || (
               SELECT string_agg(m.table_oid::text, ', ' ORDER BY m.table_oid::text)
               FROM public.pg_tview_meta m
               WHERE EXISTS (SELECT 1 FROM pg_locks l JOIN pg_locks x ON x.virtualtransaction = l.virtualtransaction
                             WHERE l.locktype = 'relation' AND l.relation = m.table_oid::oid AND l.pid IS NULL
                               AND l.mode = 'RowExclusiveLock'
                               -- a prepared transaction's locks keep its virtual id; its xid lock names it
                               AND x.locktype = 'transactionid' AND x.transactionid = p.transaction AND x.pid IS NULL)),
               'no_tview_writes')
    FROM pg_prepared_xacts p
    WHERE p.database = current_database()
    ORDER BY p.prepared, p.gid
$$;

-- The original's optional JSONB patching extension; this runtime never uses it.
CREATE OR REPLACE FUNCTION public.pg_tviews_check_jsonb_delta()
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = 'jsonb_delta') $$;

-- Every object a TVIEW consists of, as the catalog names it, and whether it exists. Names are
-- computed inline, as in 90_privileges.sql: a view must not depend on runtime functions.
CREATE OR REPLACE VIEW public.pg_tview_helpers AS
WITH generated AS (
    SELECT m.entity, k.kind, k.purpose,
           pg_catalog.format('%I.%I', m.schema_name, CASE WHEN pg_catalog.octet_length(f.name) <= 63 THEN f.name
                             ELSE pg_catalog.left(f.name, 50) || '_' || pg_catalog.left(pg_catalog.md5(f.name), 12) END) AS name
    FROM public.pg_tview_meta m
    CROSS JOIN (VALUES ('parent_locks', 'parent lock function'), ('resolve', 'lineage resolver')) AS k(kind, purpose)
    CROSS JOIN LATERAL (SELECT 'pg_tviews_' || k.kind || '_' || m.entity AS name) AS f
)
SELECT m.entity, 'view'::text AS object_type, m.view_oid::text AS object_name, 'backing view (the definition)'::text AS purpose,
       EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = m.view_oid) AS present
FROM public.pg_tview_meta m
UNION ALL
SELECT m.entity, 'table', m.table_oid::text, 'TVIEW table (the read model)',
       EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = m.table_oid)
FROM public.pg_tview_meta m
UNION ALL
SELECT m.entity, 'function', m.refresh_function || '(bigint[], text[], bigint[])', 'refresh function',
       pg_catalog.to_regprocedure(m.refresh_function || '(bigint[], text[], bigint[])') IS NOT NULL
FROM public.pg_tview_meta m
UNION ALL
-- Generated only for TVIEWs with parent rules: listed when they exist.
SELECT g.entity, 'function', g.name || CASE g.kind WHEN 'resolve' THEN '(text[], bigint[])' ELSE '(bigint[], text[], bigint[])' END,
       g.purpose, true
FROM generated g
WHERE pg_catalog.to_regprocedure(g.name || CASE g.kind WHEN 'resolve' THEN '(text[], bigint[])' ELSE '(bigint[], text[], bigint[])' END) IS NOT NULL
UNION ALL
SELECT DISTINCT s.entity, 'function', s.trigger_function || '()', 'trigger function on ' || s.source::text,
       pg_catalog.to_regprocedure(s.trigger_function || '()') IS NOT NULL
FROM public.pg_tview_source s
UNION ALL
SELECT DISTINCT s.entity, 'trigger', pg_catalog.format('%I ON %s', s.trigger_prefix || t.suffix, s.source), t.purpose,
       EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg WHERE tg.tgrelid = s.source AND tg.tgname = s.trigger_prefix || t.suffix)
FROM public.pg_tview_source s
CROSS JOIN (VALUES ('_ins', 'refresh trigger: INSERT'), ('_upd', 'refresh trigger: UPDATE'),
                   ('_del', 'refresh trigger: DELETE'), ('_trn', 'refresh trigger: TRUNCATE')) AS t(suffix, purpose)
UNION ALL
SELECT DISTINCT s.entity, 'trigger', pg_catalog.format('tview_zz_flush ON %s', s.source), 'flush trigger (shared by the TVIEWs reading the table)',
       EXISTS (SELECT 1 FROM pg_catalog.pg_trigger tg WHERE tg.tgrelid = s.source AND tg.tgname = 'tview_zz_flush')
FROM public.pg_tview_source s
WHERE NOT EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.table_oid = s.source);  -- none on a TVIEW table
COMMENT ON VIEW public.pg_tview_helpers IS 'Every object a TVIEW consists of (view, table, functions, triggers) and whether it exists.';
