-- a key cast to bigint is still an integer key
-- expect: none
CREATE TVIEW tv_category AS
SELECT c.pk_category::bigint AS pk_category, c.id, jsonb_build_object('t', c.title) AS data
FROM tb_category c
