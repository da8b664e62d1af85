-- values-list (from corpus/invalid-definitions.json)
-- expect: 4:1 error TV011, 4:1 error TV011, 4:1 error TV011
CREATE TVIEW tv_user AS
VALUES (1, 2, 3)
