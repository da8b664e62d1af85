-- top-level-except (from corpus/invalid-definitions.json)
-- expect: 4:90 error TV020
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u EXCEPT SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u WHERE u.pk_user = 1
