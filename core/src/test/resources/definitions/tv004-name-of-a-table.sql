-- v_tag is taken by a plain table
-- expect: 3:14 error TV004
CREATE TVIEW tv_tag AS
SELECT c.pk_category AS pk_tag, c.pk_category AS fk_category, c.id, to_jsonb(c.title) AS data FROM tb_category c
