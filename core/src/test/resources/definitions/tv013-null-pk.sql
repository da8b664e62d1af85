-- null-pk (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV013
CREATE TVIEW tv_user AS
SELECT NULL::integer AS pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
