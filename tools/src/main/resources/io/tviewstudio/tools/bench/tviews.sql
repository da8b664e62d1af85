-- The TVIEW variants' read models: a category document, a product embedding its category's document
-- (parent embed, one level of cascade) and its review aggregate (child), and a review embedding its
-- product's name and category (two levels of cascade: category -> product -> review) and its author.
SELECT pg_tviews_create('tv_category', $$
    SELECT c.pk_category, c.id, jsonb_build_object('id', c.id, 'name', c.name) AS data
    FROM tb_category c
$$);
SELECT pg_tviews_create('tv_product', $$
    SELECT p.pk_product, p.id, p.fk_category,
           jsonb_build_object('id', p.id, 'name', p.name, 'price', p.price, 'stock', p.stock,
                              'category', c.data,
                              'reviews', (SELECT jsonb_build_object('count', count(*), 'rating', round(avg(r.rating), 2))
                                          FROM tb_review r WHERE r.fk_product = p.pk_product)) AS data
    FROM tb_product p JOIN tv_category c ON c.pk_category = p.fk_category
$$);
SELECT pg_tviews_create('tv_review', $$
    SELECT r.pk_review, r.id, r.fk_product, r.fk_user,
           jsonb_build_object('id', r.id, 'rating', r.rating, 'body', r.body,
                              'author', jsonb_build_object('id', u.id, 'name', u.name),
                              'product', jsonb_build_object('id', p.id, 'name', p.data->'name',
                                                            'category', p.data->'category'->'name')) AS data
    FROM tb_review r JOIN tb_user u ON u.pk_user = r.fk_user JOIN tv_product p ON p.pk_product = r.fk_product
$$);
