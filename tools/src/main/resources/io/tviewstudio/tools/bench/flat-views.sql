-- The same documents as tviews.sql, read from the base tables only (doc_, as v_ names are the
-- TVIEWs' backing views): the definitions of the
-- materialized views and of the hand-written ("manual") tables, which cannot read tv_ tables.
CREATE VIEW doc_category AS
    SELECT c.pk_category, c.id, jsonb_build_object('id', c.id, 'name', c.name) AS data
    FROM tb_category c;
CREATE VIEW doc_product AS
    SELECT p.pk_product, p.id, p.fk_category,
           jsonb_build_object('id', p.id, 'name', p.name, 'price', p.price, 'stock', p.stock,
                              'category', jsonb_build_object('id', c.id, 'name', c.name),
                              'reviews', (SELECT jsonb_build_object('count', count(*), 'rating', round(avg(r.rating), 2))
                                          FROM tb_review r WHERE r.fk_product = p.pk_product)) AS data
    FROM tb_product p JOIN tb_category c ON c.pk_category = p.fk_category;
CREATE VIEW doc_review AS
    SELECT r.pk_review, r.id, r.fk_product, r.fk_user,
           jsonb_build_object('id', r.id, 'rating', r.rating, 'body', r.body,
                              'author', jsonb_build_object('id', u.id, 'name', u.name),
                              'product', jsonb_build_object('id', p.id, 'name', p.name, 'category', c.name)) AS data
    FROM tb_review r JOIN tb_user u ON u.pk_user = r.fk_user
    JOIN tb_product p ON p.pk_product = r.fk_product JOIN tb_category c ON c.pk_category = p.fk_category;
