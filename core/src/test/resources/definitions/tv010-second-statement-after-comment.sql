-- second-statement-after-comment (from corpus/invalid-definitions.json)
-- expect: 5:1 error TV010
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u; -- ok
DELETE FROM tb_user
