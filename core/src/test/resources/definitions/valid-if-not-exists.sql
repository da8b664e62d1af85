-- IF NOT EXISTS and a lower-case keyword spelling
-- expect: none
create tview if not exists tv_category as
select c.pk_category, c.id, jsonb_build_object('title', c.title) as data
from tb_category c
