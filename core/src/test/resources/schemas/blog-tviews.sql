SELECT pg_tviews_create('tv_post', $$
    SELECT p.pk_post, p.id, p.fk_user, p.fk_category, u.id AS user_id,
           jsonb_build_object('id', p.id, 'title', p.title,
                              'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
    FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user
    WHERE p.published
$$);
SELECT pg_tviews_create('tv_category', $$
    SELECT c.pk_category, c.id,
           jsonb_build_object('title', c.title,
                              'post_count', (SELECT count(*) FROM tv_post tp WHERE tp.fk_category = c.pk_category),
                              'posts', coalesce((SELECT jsonb_agg(tp.data ORDER BY tp.pk_post)
                                                 FROM tv_post tp WHERE tp.fk_category = c.pk_category), '[]')) AS data
    FROM tb_category c
$$);
SELECT pg_tviews_create('tv_comment', $$
    SELECT cm.pk_comment, cm.id, cm.fk_post, cm.fk_user,
           jsonb_build_object('body', cm.body, 'by', u.name, 'post', tp.data) AS data
    FROM tb_comment cm
    JOIN tv_post tp ON tp.pk_post = cm.fk_post
    JOIN tb_user u ON u.pk_user = cm.fk_user
$$);
