-- missing-id (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV011
CREATE TVIEW tv_user AS
SELECT u.pk_user, jsonb_build_object('name', u.name) AS data FROM tb_user u
