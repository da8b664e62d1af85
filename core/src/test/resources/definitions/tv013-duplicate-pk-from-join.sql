-- duplicate-pk-from-join (from corpus/invalid-definitions.json)
-- expect: 4:91 error TV013
CREATE TVIEW tv_post AS
SELECT p.pk_post, p.id, jsonb_build_object('comment', c.body) AS data FROM tb_post p JOIN tb_comment c ON c.fk_post = p.pk_post
