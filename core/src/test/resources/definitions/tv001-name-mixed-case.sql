-- name-mixed-case (from corpus/invalid-definitions.json)
-- expect: 3:14 error TV001
CREATE TVIEW tv_Post AS
SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', u.name) AS data FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
