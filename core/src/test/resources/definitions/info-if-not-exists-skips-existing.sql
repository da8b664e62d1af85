-- IF NOT EXISTS over an existing TVIEW: not an error, only a note
-- expect: 3:28 info TV002
CREATE TVIEW IF NOT EXISTS tv_existing AS
SELECT u.pk_user AS pk_existing, u.pk_user AS fk_user, u.id, jsonb_build_object('name', u.name) AS data FROM tb_user u
