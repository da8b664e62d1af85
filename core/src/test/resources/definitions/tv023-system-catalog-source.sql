-- system-catalog-source (from corpus/invalid-definitions.json)
-- expect: 4:92 error TV023
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'tables', (SELECT count(*) FROM pg_class)) AS data FROM tb_user u
