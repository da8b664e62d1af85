-- tv_post: a root table with its parent (the author)
-- expect: none
CREATE TVIEW tv_post AS
SELECT p.pk_post, p.id, p.fk_user, p.fk_category, u.id AS user_id,
       jsonb_build_object('id', p.id, 'title', p.title,
                          'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
WHERE p.published;
