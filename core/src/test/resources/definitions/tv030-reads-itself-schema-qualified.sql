-- reads-itself-schema-qualified (from corpus/invalid-definitions.json)
-- expect: 4:88 error TV030
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'self', (SELECT t.data FROM public.tv_user t WHERE t.pk_user = u.pk_user)) AS data FROM tb_user u
