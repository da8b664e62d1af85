-- fk-is-text (from corpus/invalid-definitions.json)
-- expect: 4:25 error TV012
CREATE TVIEW tv_post AS
SELECT p.pk_post, p.id, p.fk_user::text AS fk_user, jsonb_build_object('title', p.title) AS data FROM tb_post p
