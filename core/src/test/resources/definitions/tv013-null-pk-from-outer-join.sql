-- null-pk-from-outer-join (from corpus/invalid-definitions.json)
-- expect: 4:8 error TV013
CREATE TVIEW tv_category AS
SELECT p.fk_category AS pk_category, p.id, jsonb_build_object('title', p.title) AS data FROM tb_post p
