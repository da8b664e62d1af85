-- an aggregate over a LEFT JOIN, grouped by the key
-- expect: none
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id,
       jsonb_build_object('name', u.name, 'posts', count(p.pk_post)) AS data
FROM tb_user u LEFT JOIN tb_post p ON p.fk_user = u.pk_user
GROUP BY u.pk_user, u.id, u.name
