-- delete-statement (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV010
CREATE TVIEW tv_user AS
DELETE FROM tb_user
