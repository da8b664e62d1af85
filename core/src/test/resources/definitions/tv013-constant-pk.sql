-- constant-pk (from corpus/invalid-definitions.json)
-- expect: 4:8 error TV013
CREATE TVIEW tv_user AS
SELECT 1 AS pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
