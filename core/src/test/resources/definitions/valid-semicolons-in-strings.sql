-- semicolons inside a string, a dollar quote and a comment do not end the statement
-- expect: none
CREATE TVIEW tv_profile AS
SELECT u.pk_user AS pk_profile, u.pk_user AS fk_user, u.id, -- a comment; with a semicolon
       jsonb_build_object('initials', left(u.name, 1), 's', ';', 'd', $x$;$x$) AS data
FROM tb_user u;
