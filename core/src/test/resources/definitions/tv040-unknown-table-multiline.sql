-- a misspelt table on the FROM line
-- expect: 5:8 error TV040
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name) AS data
  FROM tb_users u
