-- missing-data (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV011
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id FROM tb_user u
