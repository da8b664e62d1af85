-- unknown-table (from corpus/invalid-definitions.json)
-- expect: 4:73 error TV040
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_users u
