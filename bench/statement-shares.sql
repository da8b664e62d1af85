-- The statements that N calls of a benchmark procedure ran, by their share of its time
-- (pg_stat_statements, track = all; a statement's share includes the statements it calls): calls
-- per call of the procedure, share, the query's first characters. Shared by write-instructions.sh
-- (PROFILE=1) and instruction-lab.sh (statements). psql variables: proc (the procedure's name), n
-- (its calls), width (characters of each query), lines (statements shown).
SELECT to_char(s.calls::numeric / :n, 'FM990.0'), to_char(100 * s.total_exec_time / w.total, 'FM990.0') || ' %',
       left(regexp_replace(s.query, '\s+', ' ', 'g'), :width)
FROM pg_stat_statements s,
     (SELECT total_exec_time AS total FROM pg_stat_statements WHERE query LIKE 'CALL ' || :'proc' || '%') AS w
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND s.query NOT LIKE 'CALL ' || :'proc' || '%'
  AND s.query NOT LIKE '%pg_stat_statements_reset%'
ORDER BY s.total_exec_time DESC
LIMIT :lines;
