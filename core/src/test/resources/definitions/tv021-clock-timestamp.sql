-- clock-timestamp (from corpus/invalid-definitions.json)
-- expect: 4:66 error TV021
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'at', clock_timestamp()) AS data FROM tb_user u
