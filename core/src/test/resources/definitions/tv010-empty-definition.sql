-- empty-definition (from corpus/invalid-definitions.json)
-- expect: 5:1 error TV010
CREATE TVIEW tv_user AS

