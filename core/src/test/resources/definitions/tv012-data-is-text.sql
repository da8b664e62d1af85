-- data-is-text (from corpus/invalid-definitions.json)
-- expect: 4:25 error TV012
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, u.name AS data FROM tb_user u
