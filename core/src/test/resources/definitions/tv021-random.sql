-- random (from corpus/invalid-definitions.json)
-- expect: 4:65 error TV021
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'r', random()) AS data FROM tb_user u
