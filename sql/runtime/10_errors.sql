-- Error reporting. Every error the runtime raises on bad input carries a stable SQLSTATE of class
-- 'TV'; pg_tviews_error_codes() lists them (the documentation and the Java analysis use the same list).

CREATE OR REPLACE FUNCTION public.pg_tviews_error_codes()
RETURNS TABLE (code text, name text, description text)
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    VALUES
        ('TV001', 'invalid_tview_name',        'The TVIEW name does not follow tv_<entity> (lower-case letters, digits, underscores).'),
        ('TV002', 'tview_already_exists',      'A TVIEW with this entity name already exists.'),
        ('TV003', 'tview_not_found',           'No TVIEW with this name exists.'),
        ('TV004', 'name_in_use',               'A relation named tv_<entity> or v_<entity> already exists and is not part of a TVIEW.'),
        ('TV010', 'invalid_definition',        'The definition is not a single valid SELECT statement.'),
        ('TV011', 'missing_required_column',   'The definition lacks pk_<entity>, id or data.'),
        ('TV012', 'wrong_column_type',         'A required or lineage column has the wrong type (pk_/fk_: integer, id: uuid, data: jsonb).'),
        ('TV013', 'invalid_key_values',        'The definition yields a NULL or duplicate pk_<entity> value.'),
        ('TV020', 'unsupported_sql',           'The definition uses SQL whose rows cannot be maintained row by row (UNION, LIMIT, window functions, ...).'),
        ('TV021', 'volatile_function',         'The definition calls a volatile function, so a recomputed row could differ without any change.'),
        ('TV022', 'lineage_not_derivable',     'A source relation has no pk/fk column linking its rows to the TVIEW''s rows.'),
        ('TV023', 'unsupported_source',        'A source relation cannot carry refresh triggers (materialized view, foreign table, system catalog).'),
        ('TV024', 'row_security_source',       'A source relation has row-level security that applies to the TVIEW''s owner.'),
        ('TV030', 'dependency_cycle',          'The definition reads the TVIEW being defined.'),
        ('TV031', 'dependent_tviews_exist',    'Other TVIEWs read this TVIEW; drop them first or drop with cascade.'),
        ('TV032', 'cascade_depth_exceeded',    'A refresh cascade reached a TVIEW deeper than the max_cascade_depth setting.'),
        ('TV040', 'unknown_relation',          'The definition, or a function argument, names a table or view that does not exist.'),
        ('TV041', 'unknown_column',            'The definition, or a function argument, names a column that does not exist.'),
        ('TV042', 'unknown_function',          'The definition calls a function that does not exist for the given argument types.'),
        ('TV050', 'insufficient_privilege',    'The current role may not install refresh triggers on a source table.'),
        ('TV051', 'runtime_owner_lacks_usage', 'The runtime''s owner (who runs the queue flush) has no USAGE privilege on the TVIEW''s schema.'),
        ('TV060', 'invalid_setting',           'Unknown setting name, invalid setting value, or invalid refresh mode.'),
        ('TV061', 'invalid_argument',          'A function argument is out of range (a negative number of days for pg_tviews_cleanup_metrics, say).'),
        ('TV070', 'table_not_convertible',     'pg_tviews_convert_table: the table is not a plain tv_<entity> table, or objects depend on it or on its view.'),
        ('TV071', 'table_differs_from_view',   'pg_tviews_convert_table: the table''s columns or rows differ from those of its view v_<entity>.'),
        ('TV080', 'unknown_prepared_transaction', 'No transaction with this identifier is prepared in this database.'),
        ('TV081', 'top_level_statement_required', 'COMMIT PREPARED and ROLLBACK PREPARED must run as statements of their own, not in a function.')
$$;
COMMENT ON FUNCTION public.pg_tviews_error_codes() IS 'Every TVnnn SQLSTATE the runtime raises, with its name and meaning.';

-- Raises a TV error. The hint tells the user what to change; detail carries the underlying cause.
CREATE OR REPLACE FUNCTION public.pg_tviews__fail(p_code text, p_message text, p_hint text DEFAULT NULL,
                                                  p_detail text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_hint IS NOT NULL AND p_detail IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message, HINT = p_hint, DETAIL = p_detail;
    ELSIF p_hint IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message, HINT = p_hint;
    ELSIF p_detail IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message, DETAIL = p_detail;
    ELSE
        RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message;
    END IF;
END
$$;
