-- insert-returning (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV010
CREATE TVIEW tv_user AS
INSERT INTO tb_user (name) VALUES ('x') RETURNING pk_user, id, to_jsonb(name) AS data
