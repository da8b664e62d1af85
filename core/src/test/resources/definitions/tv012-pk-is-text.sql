-- pk-is-text (from corpus/invalid-definitions.json)
-- expect: 4:8 error TV012
CREATE TVIEW tv_user AS
SELECT u.pk_user::text AS pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
