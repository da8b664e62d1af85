-- gen-random-uuid (from corpus/invalid-definitions.json)
-- expect: 4:19 error TV021
CREATE TVIEW tv_user AS
SELECT u.pk_user, gen_random_uuid() AS id, jsonb_build_object('name', u.name) AS data FROM tb_user u
