-- The shop schema of the playbook and migration tests: base tables with deterministic ids and
-- values (a re-run yields identical rows, standing in for a restore from backup).
CREATE TABLE tb_customer (
    pk_customer integer PRIMARY KEY,
    id          uuid NOT NULL,
    name        text NOT NULL,
    since       timestamptz NOT NULL
);
CREATE TABLE tb_product (
    pk_product integer PRIMARY KEY,
    id         uuid NOT NULL,
    title      text NOT NULL,
    price      numeric(10, 2) NOT NULL
);
CREATE TABLE tb_order (
    pk_order    integer PRIMARY KEY,
    id          uuid NOT NULL,
    fk_customer integer NOT NULL REFERENCES tb_customer,
    placed_at   timestamptz NOT NULL
);
CREATE TABLE tb_order_line (
    pk_order_line integer PRIMARY KEY,
    id            uuid NOT NULL,
    fk_order      integer NOT NULL REFERENCES tb_order,
    fk_product    integer NOT NULL REFERENCES tb_product,
    quantity      integer NOT NULL
);
INSERT INTO tb_customer
SELECT n, md5('customer' || n)::uuid, 'customer ' || n, timestamptz '2024-01-01 12:00+00' + n * interval '1 day'
FROM generate_series(1, 20) n;
INSERT INTO tb_product
SELECT n, md5('product' || n)::uuid, 'product ' || n, n * 1.25 FROM generate_series(1, 10) n;
INSERT INTO tb_order
SELECT n, md5('order' || n)::uuid, 1 + n % 20, timestamptz '2024-03-01 08:30+00' + n * interval '7 hours'
FROM generate_series(1, 60) n;
INSERT INTO tb_order_line
SELECT n, md5('line' || n)::uuid, 1 + n % 60, 1 + n % 10, 1 + n % 4 FROM generate_series(1, 150) n;
