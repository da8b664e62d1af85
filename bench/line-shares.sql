-- Where N transactions of the benchmark procedure lab_run spend their time, PL/pgSQL line by line
-- (plprofiler, loaded into this session only): microseconds per transaction, runs per
-- transaction, function:line, the line's text. A line's time includes the functions it calls
-- (and the triggers its statement fires), as a statement's share in statement-shares.sql does:
-- read a function's lines top down, and subtract what its callees show. Used by
-- instruction-lab.sh (lines). psql variables: n (transactions), width (characters of each line),
-- lines (lines shown).
LOAD 'plprofiler';
-- Before the first call of any function: plprofiler counts the lines of functions it saw compiled.
SELECT pl_profiler_set_enabled_local(true) \gset
CALL lab_run(30, 0);  -- warm the caches and plans
CREATE TEMP TABLE warm_up AS SELECT * FROM pl_profiler_linestats_local();
CALL lab_run(:n, 100);
SELECT pl_profiler_set_enabled_local(false) \gset
SELECT to_char((l.total_time - coalesce(w.total_time, 0))::numeric / :n, 'FM999990.0') AS us,
       to_char((l.exec_count - coalesce(w.exec_count, 0))::numeric / :n, 'FM990.0') AS runs,
       p.proname || ':' || l.line_number AS line,
       left(btrim(regexp_replace((string_to_array(p.prosrc, E'\n'))[l.line_number], '\s+', ' ', 'g')), :width) AS text
FROM pl_profiler_linestats_local() AS l
JOIN pg_proc AS p ON p.oid = l.func_oid
LEFT JOIN warm_up AS w ON w.func_oid = l.func_oid AND w.line_number = l.line_number
WHERE l.line_number > 0 AND l.exec_count > coalesce(w.exec_count, 0) AND p.proname <> 'lab_run'
ORDER BY l.total_time - coalesce(w.total_time, 0) DESC
LIMIT :lines;
