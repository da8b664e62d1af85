-- The "manual" variant: the original's hand-written baseline. Plain tables hold the documents; no
-- trigger keeps them fresh; the application calls a refresh function for the keys it wrote, in the
-- same transaction. Each function upserts only rows whose document changed and removes vanished ones.
CREATE TABLE m_category AS SELECT * FROM doc_category;
ALTER TABLE m_category ADD PRIMARY KEY (pk_category);
CREATE TABLE m_product AS SELECT * FROM doc_product;
ALTER TABLE m_product ADD PRIMARY KEY (pk_product);
CREATE INDEX ON m_product (fk_category);
CREATE TABLE m_review AS SELECT * FROM doc_review;
ALTER TABLE m_review ADD PRIMARY KEY (pk_review);
CREATE INDEX ON m_review (fk_product);

-- Reviews of the given products: they embed the product's name and category.
CREATE FUNCTION bench_refresh_reviews_of(p_products integer[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO m_review SELECT * FROM doc_review WHERE fk_product = ANY (p_products)
    ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
        fk_user = excluded.fk_user, data = excluded.data
    WHERE m_review.data IS DISTINCT FROM excluded.data OR m_review.fk_product IS DISTINCT FROM excluded.fk_product;
$$;

-- Reviews by the given users: they embed the author's name.
CREATE FUNCTION bench_refresh_reviews_by(p_users integer[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO m_review SELECT * FROM doc_review WHERE fk_user = ANY (p_users)
    ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
        fk_user = excluded.fk_user, data = excluded.data
    WHERE m_review.data IS DISTINCT FROM excluded.data OR m_review.fk_user IS DISTINCT FROM excluded.fk_user;
$$;

-- Products (their own row only, e.g. after a review changed their aggregate).
CREATE FUNCTION bench_refresh_product_rows(p_products integer[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM m_product m WHERE m.pk_product = ANY (p_products)
        AND NOT EXISTS (SELECT FROM tb_product p WHERE p.pk_product = m.pk_product);
    INSERT INTO m_product SELECT * FROM doc_product WHERE pk_product = ANY (p_products)
    ON CONFLICT (pk_product) DO UPDATE SET id = excluded.id, fk_category = excluded.fk_category, data = excluded.data
    WHERE m_product.data IS DISTINCT FROM excluded.data OR m_product.fk_category IS DISTINCT FROM excluded.fk_category;
$$;

-- Products and the reviews that embed them.
CREATE FUNCTION bench_refresh_products(p_products integer[]) RETURNS void LANGUAGE sql AS $$
    SELECT bench_refresh_product_rows(p_products);
    SELECT bench_refresh_reviews_of(p_products);
$$;

-- A category, then everything that embeds it.
CREATE FUNCTION bench_refresh_category(p_category integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO m_category SELECT * FROM doc_category WHERE pk_category = p_category
    ON CONFLICT (pk_category) DO UPDATE SET id = excluded.id, data = excluded.data
    WHERE m_category.data IS DISTINCT FROM excluded.data;
    SELECT bench_refresh_products(ARRAY(SELECT pk_product FROM tb_product WHERE fk_category = p_category));
$$;

-- A review written or deleted, and its product's aggregate.
CREATE FUNCTION bench_refresh_review(p_review integer, p_product integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM m_review m WHERE m.pk_review = p_review
        AND NOT EXISTS (SELECT FROM tb_review r WHERE r.pk_review = p_review);
    INSERT INTO m_review SELECT * FROM doc_review WHERE pk_review = p_review
    ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
        fk_user = excluded.fk_user, data = excluded.data
    WHERE m_review.data IS DISTINCT FROM excluded.data;
    SELECT bench_refresh_product_rows(ARRAY[p_product]);
$$;
