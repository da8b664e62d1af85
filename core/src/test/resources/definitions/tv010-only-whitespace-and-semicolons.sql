-- only-whitespace-and-semicolons (from corpus/invalid-definitions.json)
-- expect: 4:2 error TV010
CREATE TVIEW tv_user AS
 ;
 ; 
