-- unknown-table-in-subquery (from corpus/invalid-definitions.json)
-- expect: 4:87 error TV040
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'n', (SELECT count(*) FROM tb_likes l WHERE l.fk_user = u.pk_user)) AS data FROM tb_user u
