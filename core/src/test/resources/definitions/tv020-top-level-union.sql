-- top-level-union (from corpus/invalid-definitions.json)
-- expect: 4:89 error TV020
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u UNION SELECT u.pk_user, u.id, '{}'::jsonb AS data FROM tb_user u
