-- id-is-text (from corpus/invalid-definitions.json)
-- expect: 4:19 error TV012
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id::text AS id, jsonb_build_object('name', u.name) AS data FROM tb_user u
