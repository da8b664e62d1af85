-- Four TVIEWs over the shop schema, cascading: tv_order reads tv_customer, tv_order_line reads
-- tv_order and tv_product (depth 2); tv_product refreshes deferred.
SELECT pg_tviews_create('tv_customer', $$
    SELECT c.pk_customer, c.id, jsonb_build_object('name', c.name, 'since', c.since) AS data
    FROM tb_customer c
$$);
SELECT pg_tviews_create('tv_product', $$
    SELECT p.pk_product, p.id, jsonb_build_object('title', p.title, 'price', p.price) AS data
    FROM tb_product p
$$);
SELECT pg_tviews_set_refresh_mode('tv_product', 'deferred');
SELECT pg_tviews_create('tv_order', $$
    SELECT o.pk_order, o.id, o.fk_customer, tc.id AS customer_id,
           jsonb_build_object('placed_at', o.placed_at, 'customer', tc.data,
                              'quantity', coalesce((SELECT sum(l.quantity) FROM tb_order_line l WHERE l.fk_order = o.pk_order), 0)) AS data
    FROM tb_order o JOIN tv_customer tc ON tc.pk_customer = o.fk_customer
$$);
SELECT pg_tviews_create('tv_order_line', $$
    SELECT l.pk_order_line, l.id, l.fk_order, l.fk_product,
           jsonb_build_object('quantity', l.quantity, 'product', tp.data, 'order', tor.data) AS data
    FROM tb_order_line l
    JOIN tv_order tor ON tor.pk_order = l.fk_order
    JOIN tv_product tp ON tp.pk_product = l.fk_product
$$);
