-- The materialized-view variants: one materialized view per document, with the unique index that
-- REFRESH MATERIALIZED VIEW CONCURRENTLY needs (and that point reads want anyway).
CREATE MATERIALIZED VIEW mv_category AS SELECT * FROM doc_category;
CREATE UNIQUE INDEX ON mv_category (pk_category);
CREATE MATERIALIZED VIEW mv_product AS SELECT * FROM doc_product;
CREATE UNIQUE INDEX ON mv_product (pk_product);
CREATE INDEX ON mv_product (fk_category);
CREATE MATERIALIZED VIEW mv_review AS SELECT * FROM doc_review;
CREATE UNIQUE INDEX ON mv_review (pk_review);
CREATE INDEX ON mv_review (fk_product);
