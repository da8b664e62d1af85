-- tv_existing exists in the catalog
-- expect: 3:14 error TV002
CREATE TVIEW tv_existing AS
SELECT u.pk_user AS pk_existing, u.pk_user AS fk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
