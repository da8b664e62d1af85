-- Materialized views of several shapes over the shop schema, for the migration assistant tests.
CREATE MATERIALIZED VIEW mv_customer AS
    SELECT c.pk_customer, c.name, c.since FROM tb_customer c;
CREATE MATERIALIZED VIEW mv_order_summary AS
    SELECT o.pk_order, c.name AS customer, o.placed_at
    FROM tb_order o JOIN tb_customer c ON c.pk_customer = o.fk_customer;
CREATE UNIQUE INDEX mv_order_summary_pk ON mv_order_summary (pk_order);
CREATE MATERIALIZED VIEW mv_customer_orders AS
    SELECT c.pk_customer, c.name, count(o.pk_order) AS orders
    FROM tb_customer c LEFT JOIN tb_order o ON o.fk_customer = c.pk_customer
    GROUP BY c.pk_customer;
CREATE MATERIALIZED VIEW mv_names AS
    SELECT pk_customer AS k, name FROM tb_customer
    UNION ALL
    SELECT pk_product, title FROM tb_product;
CREATE MATERIALIZED VIEW mv_orders_per_customer AS
    SELECT o.fk_customer, count(*) AS orders FROM tb_order o GROUP BY o.fk_customer;
CREATE TABLE legacy_account (code text PRIMARY KEY, label text NOT NULL);
INSERT INTO legacy_account VALUES ('A-1', 'first'), ('B-2', 'second');
CREATE MATERIALIZED VIEW mv_account AS SELECT a.code, a.label FROM legacy_account a;
