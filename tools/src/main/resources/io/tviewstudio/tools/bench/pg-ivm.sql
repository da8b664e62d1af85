-- The pg_ivm variant (only when CREATE EXTENSION pg_ivm succeeds). pg_ivm allows no subquery in the
-- target list and no outer join, so the review aggregate is an IMMV of its own (GROUP BY); the
-- documents carry the same information as the TVIEWs', split over four IMMVs. ${create_immv} is
-- pgivm.create_immv (pg_ivm 1.10 and newer) or create_immv.
SELECT ${create_immv}('ivm_category', $$
    SELECT c.pk_category, c.id, jsonb_build_object('id', c.id, 'name', c.name) AS data FROM tb_category c$$);
SELECT ${create_immv}('ivm_product', $$
    SELECT p.pk_product, p.id, p.fk_category,
           jsonb_build_object('id', p.id, 'name', p.name, 'price', p.price, 'stock', p.stock,
                              'category', jsonb_build_object('id', c.id, 'name', c.name)) AS data
    FROM tb_product p JOIN tb_category c ON c.pk_category = p.fk_category$$);
SELECT ${create_immv}('ivm_product_reviews', $$
    SELECT r.fk_product, count(*) AS reviews, avg(r.rating) AS rating FROM tb_review r GROUP BY r.fk_product$$);
SELECT ${create_immv}('ivm_review', $$
    SELECT r.pk_review, r.id, r.fk_product, r.fk_user,
           jsonb_build_object('id', r.id, 'rating', r.rating, 'body', r.body,
                              'author', jsonb_build_object('id', u.id, 'name', u.name),
                              'product', jsonb_build_object('id', p.id, 'name', p.name, 'category', c.name)) AS data
    FROM tb_review r JOIN tb_user u ON u.pk_user = r.fk_user
    JOIN tb_product p ON p.pk_product = r.fk_product JOIN tb_category c ON c.pk_category = p.fk_category$$);
