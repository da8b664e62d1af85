-- unknown-column (from corpus/invalid-definitions.json)
-- expect: 4:52 error TV041
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.nam) AS data FROM tb_user u
