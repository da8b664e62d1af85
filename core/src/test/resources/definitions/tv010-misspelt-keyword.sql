-- misspelt-keyword (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV010
CREATE TVIEW tv_user AS
SELEC u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
