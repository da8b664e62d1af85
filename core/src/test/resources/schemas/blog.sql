-- The blog schema used by the runtime tests: users, categories, posts, comments (trinity pattern),
-- and three TVIEWs that cascade: tv_post (root + parent), tv_category (child via tv_post),
-- tv_comment (reads tv_post, so a user change reaches comments through posts).
CREATE TABLE tb_user (
    pk_user  serial PRIMARY KEY,
    id       uuid NOT NULL DEFAULT gen_random_uuid(),
    name     text NOT NULL
);
CREATE TABLE tb_category (
    pk_category serial PRIMARY KEY,
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    title       text NOT NULL
);
CREATE TABLE tb_post (
    pk_post     serial PRIMARY KEY,
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_user     integer NOT NULL REFERENCES tb_user ON UPDATE CASCADE,
    fk_category integer REFERENCES tb_category ON UPDATE CASCADE,
    title       text NOT NULL,
    published   boolean NOT NULL DEFAULT true
);
CREATE INDEX ON tb_post (fk_user);
CREATE INDEX ON tb_post (fk_category);
CREATE TABLE tb_comment (
    pk_comment serial PRIMARY KEY,
    id         uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_post    integer NOT NULL REFERENCES tb_post ON UPDATE CASCADE ON DELETE CASCADE,
    fk_user    integer NOT NULL REFERENCES tb_user ON UPDATE CASCADE,
    body       text NOT NULL
);
CREATE INDEX ON tb_comment (fk_post);

INSERT INTO tb_user (name) VALUES ('alice'), ('bob'), ('carol');
INSERT INTO tb_category (title) VALUES ('databases'), ('desktop'), ('empty');
INSERT INTO tb_post (fk_user, fk_category, title, published) VALUES
    (1, 1, 'TVIEWs explained', true),
    (2, 1, 'Lineage by keys', true),
    (1, 2, 'JavaFX tips', true),
    (3, NULL, 'Draft', false);
INSERT INTO tb_comment (fk_post, fk_user, body) VALUES
    (1, 2, 'Great post'),
    (1, 3, 'Thanks'),
    (3, 2, 'Nice');
