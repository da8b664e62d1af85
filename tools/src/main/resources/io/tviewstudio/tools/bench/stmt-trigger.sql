-- The "stmt-trigger" variant: the hand-written trigger of issue #18, the baseline every TVIEW
-- figure is compared with. Plain tables tv_category, tv_product, tv_review (the same columns and
-- indexes as the TVIEWs' tables: primary key, id, fk_*), filled from the doc_ views of
-- flat-views.sql, which play the part of v_x. No runtime object is involved. AFTER ... FOR EACH
-- STATEMENT triggers with transition tables keep them fresh inside the writing statement, one
-- upsert per document:
--   INSERT INTO tv_x SELECT v.* FROM v_x v WHERE v.pk_x IN (SELECT pk_x FROM new_rows)
--   ON CONFLICT (pk_x) DO UPDATE SET ... WHERE (tv_x.<columns>) IS DISTINCT FROM (excluded.<columns>)
-- plus a DELETE of the rows of deleted keys, and for a parent table the upsert of the documents of
-- the child rows that point at the changed parents (a category update recomputes the products with
-- fk_category in the new table and their reviews). PostgreSQL allows transition tables only on a
-- trigger for one event, so each table has one trigger per event, all calling the table's function.
-- Rows leave a view only when their root row is deleted: the joins follow NOT NULL foreign keys.
-- TRUNCATE is not handled (the benchmark does not truncate).
CREATE TABLE tv_category AS SELECT * FROM doc_category;
ALTER TABLE tv_category ADD PRIMARY KEY (pk_category);
CREATE INDEX ON tv_category (id);
CREATE TABLE tv_product AS SELECT * FROM doc_product;
ALTER TABLE tv_product ADD PRIMARY KEY (pk_product);
CREATE INDEX ON tv_product (id);
CREATE INDEX ON tv_product (fk_category);
CREATE TABLE tv_review AS SELECT * FROM doc_review;
ALTER TABLE tv_review ADD PRIMARY KEY (pk_review);
CREATE INDEX ON tv_review (id);
CREATE INDEX ON tv_review (fk_product);
CREATE INDEX ON tv_review (fk_user);

-- A category: its document; on UPDATE also the products that embed it and their reviews (which
-- show the category's name).
CREATE FUNCTION stmt_trigger_category() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM tv_category t WHERE t.pk_category IN (SELECT pk_category FROM old_rows);
        RETURN NULL;
    END IF;
    INSERT INTO tv_category SELECT v.* FROM doc_category v WHERE v.pk_category IN (SELECT pk_category FROM new_rows)
    ON CONFLICT (pk_category) DO UPDATE SET id = excluded.id, data = excluded.data
    WHERE (tv_category.id, tv_category.data) IS DISTINCT FROM (excluded.id, excluded.data);
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO tv_product SELECT v.* FROM doc_product v WHERE v.fk_category IN (SELECT pk_category FROM new_rows)
        ON CONFLICT (pk_product) DO UPDATE SET id = excluded.id, fk_category = excluded.fk_category, data = excluded.data
        WHERE (tv_product.id, tv_product.fk_category, tv_product.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_category, excluded.data);
        INSERT INTO tv_review SELECT v.* FROM doc_review v
        WHERE v.fk_product IN (SELECT p.pk_product FROM tb_product p WHERE p.fk_category IN (SELECT pk_category FROM new_rows))
        ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
            fk_user = excluded.fk_user, data = excluded.data
        WHERE (tv_review.id, tv_review.fk_product, tv_review.fk_user, tv_review.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_product, excluded.fk_user, excluded.data);
    END IF;
    RETURN NULL;
END
$$;

-- A product: its document; on UPDATE also its reviews (which embed its name and category).
CREATE FUNCTION stmt_trigger_product() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM tv_product t WHERE t.pk_product IN (SELECT pk_product FROM old_rows);
        RETURN NULL;
    END IF;
    INSERT INTO tv_product SELECT v.* FROM doc_product v WHERE v.pk_product IN (SELECT pk_product FROM new_rows)
    ON CONFLICT (pk_product) DO UPDATE SET id = excluded.id, fk_category = excluded.fk_category, data = excluded.data
    WHERE (tv_product.id, tv_product.fk_category, tv_product.data)
          IS DISTINCT FROM (excluded.id, excluded.fk_category, excluded.data);
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO tv_review SELECT v.* FROM doc_review v WHERE v.fk_product IN (SELECT pk_product FROM new_rows)
        ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
            fk_user = excluded.fk_user, data = excluded.data
        WHERE (tv_review.id, tv_review.fk_product, tv_review.fk_user, tv_review.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_product, excluded.fk_user, excluded.data);
    END IF;
    RETURN NULL;
END
$$;

-- A review: its document, and the review aggregate of its product (old and new product on UPDATE).
CREATE FUNCTION stmt_trigger_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM tv_review t WHERE t.pk_review IN (SELECT pk_review FROM old_rows);
    ELSE
        INSERT INTO tv_review SELECT v.* FROM doc_review v WHERE v.pk_review IN (SELECT pk_review FROM new_rows)
        ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
            fk_user = excluded.fk_user, data = excluded.data
        WHERE (tv_review.id, tv_review.fk_product, tv_review.fk_user, tv_review.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_product, excluded.fk_user, excluded.data);
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO tv_product SELECT v.* FROM doc_product v WHERE v.pk_product IN (SELECT fk_product FROM new_rows)
        ON CONFLICT (pk_product) DO UPDATE SET id = excluded.id, fk_category = excluded.fk_category, data = excluded.data
        WHERE (tv_product.id, tv_product.fk_category, tv_product.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_category, excluded.data);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO tv_product SELECT v.* FROM doc_product v WHERE v.pk_product IN (SELECT fk_product FROM old_rows)
        ON CONFLICT (pk_product) DO UPDATE SET id = excluded.id, fk_category = excluded.fk_category, data = excluded.data
        WHERE (tv_product.id, tv_product.fk_category, tv_product.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_category, excluded.data);
    ELSE
        INSERT INTO tv_product SELECT v.* FROM doc_product v
        WHERE v.pk_product IN (SELECT fk_product FROM new_rows UNION SELECT fk_product FROM old_rows)
        ON CONFLICT (pk_product) DO UPDATE SET id = excluded.id, fk_category = excluded.fk_category, data = excluded.data
        WHERE (tv_product.id, tv_product.fk_category, tv_product.data)
              IS DISTINCT FROM (excluded.id, excluded.fk_category, excluded.data);
    END IF;
    RETURN NULL;
END
$$;

-- A user has no document of their own; a rename recomputes the reviews that show the author.
CREATE FUNCTION stmt_trigger_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tv_review SELECT v.* FROM doc_review v WHERE v.fk_user IN (SELECT pk_user FROM new_rows)
    ON CONFLICT (pk_review) DO UPDATE SET id = excluded.id, fk_product = excluded.fk_product,
        fk_user = excluded.fk_user, data = excluded.data
    WHERE (tv_review.id, tv_review.fk_product, tv_review.fk_user, tv_review.data)
          IS DISTINCT FROM (excluded.id, excluded.fk_product, excluded.fk_user, excluded.data);
    RETURN NULL;
END
$$;

CREATE TRIGGER stmt_trigger_category_insert AFTER INSERT ON tb_category
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_category();
CREATE TRIGGER stmt_trigger_category_update AFTER UPDATE ON tb_category
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_category();
CREATE TRIGGER stmt_trigger_category_delete AFTER DELETE ON tb_category
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_category();
CREATE TRIGGER stmt_trigger_product_insert AFTER INSERT ON tb_product
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_product();
CREATE TRIGGER stmt_trigger_product_update AFTER UPDATE ON tb_product
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_product();
CREATE TRIGGER stmt_trigger_product_delete AFTER DELETE ON tb_product
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_product();
CREATE TRIGGER stmt_trigger_review_insert AFTER INSERT ON tb_review
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_review();
CREATE TRIGGER stmt_trigger_review_update AFTER UPDATE ON tb_review
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_review();
CREATE TRIGGER stmt_trigger_review_delete AFTER DELETE ON tb_review
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_review();
CREATE TRIGGER stmt_trigger_user_update AFTER UPDATE ON tb_user
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stmt_trigger_user();
