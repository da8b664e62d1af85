-- top-level-window-function (from corpus/invalid-definitions.json)
-- expect: 4:68 error TV020
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'rank', row_number() OVER (ORDER BY u.name)) AS data FROM tb_user u
