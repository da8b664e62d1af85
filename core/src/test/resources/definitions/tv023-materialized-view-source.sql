-- a materialized view cannot carry refresh triggers
-- expect: 4:55 error TV023
CREATE TVIEW tv_user AS
SELECT m.pk_user, m.id, to_jsonb(m.name) AS data FROM mv_user m
