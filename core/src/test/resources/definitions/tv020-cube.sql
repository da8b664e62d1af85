-- cube (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV020
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', max(u.name)) AS data FROM tb_user u GROUP BY CUBE (u.pk_user, u.id)
