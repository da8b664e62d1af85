-- a WITH clause feeding the main SELECT
-- expect: none
CREATE TVIEW tv_comment AS
WITH authors AS (SELECT pk_user, upper(name) AS display_name FROM tb_user)
SELECT c.pk_comment, c.id, c.fk_user,
       jsonb_build_object('by', a.display_name) AS data
FROM tb_comment c JOIN authors a ON a.pk_user = c.fk_user
