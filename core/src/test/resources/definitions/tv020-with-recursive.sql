-- with-recursive (from corpus/invalid-definitions.json)
-- expect: 4:77 error TV020
CREATE TVIEW tv_user AS
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'n', (SELECT max(n) FROM r)) AS data FROM tb_user u
