-- a TVIEW that reads another TVIEW (tv_existing) cascades from it
-- expect: none
CREATE TVIEW tv_comment AS
SELECT cm.pk_comment, cm.id, cm.fk_existing, cm.fk_user,
       jsonb_build_object('body', cm.body, 'on', e.data) AS data
FROM tb_comment cm
JOIN tv_existing e ON e.pk_existing = cm.fk_existing
