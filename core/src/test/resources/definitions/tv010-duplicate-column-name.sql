-- duplicate-column-name (from corpus/invalid-definitions.json)
-- expect: 4:25 error TV010
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, u.pk_user, jsonb_build_object('name', u.name) AS data FROM tb_user u
