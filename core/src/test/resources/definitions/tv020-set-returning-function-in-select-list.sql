-- set-returning-function-in-select-list (from corpus/invalid-definitions.json)
-- expect: 4:65 error TV020
CREATE TVIEW tv_user AS
SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'n', generate_series(1, 2)) AS data FROM tb_user u
