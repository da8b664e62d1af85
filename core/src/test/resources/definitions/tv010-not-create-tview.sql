-- a file statement that is not CREATE TVIEW
-- expect: 3:1 error TV010
CREATE VIEW v_user AS SELECT 1
