-- the unknown column is reported at its own line and column
-- expect: 5:35 error TV041
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id,
       jsonb_build_object('name', u.nam) AS data
FROM tb_user u
