-- a schema-qualified TVIEW name
-- expect: none
CREATE TVIEW public.tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
