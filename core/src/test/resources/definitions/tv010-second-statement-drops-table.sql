-- second-statement-drops-table (from corpus/invalid-definitions.json)
-- expect: 4:84 error TV010
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u; DROP TABLE tb_user
