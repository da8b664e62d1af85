/* a block comment /* nested; with a semicolon */ still inside; */
-- expect: none
CREATE TVIEW tv_category AS
SELECT c.pk_category, c.id, to_jsonb(c.title) AS data FROM tb_category c
