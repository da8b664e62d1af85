-- pk-of-another-entity (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV011, 4:73 error TV022
CREATE TVIEW tv_author AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
