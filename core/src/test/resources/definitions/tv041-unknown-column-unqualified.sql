-- unknown-column-unqualified (from corpus/invalid-definitions.json)
-- expect: 4:49 error TV041
CREATE TVIEW tv_user AS
SELECT pk_user, id, jsonb_build_object('email', email) AS data FROM tb_user
