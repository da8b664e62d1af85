-- tv_user: counts of two child tables (child rules)
-- expect: none
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id,
       jsonb_build_object('name', u.name,
           'posts', (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user AND p.published),
           'comments', (SELECT count(*) FROM tb_comment c WHERE c.fk_user = u.pk_user)) AS data
FROM tb_user u
