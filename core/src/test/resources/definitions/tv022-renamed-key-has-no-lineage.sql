-- renamed-key-has-no-lineage (from corpus/invalid-definitions.json)
-- expect: 4:86 error TV022
CREATE TVIEW tv_member AS
SELECT u.pk_user AS pk_member, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
