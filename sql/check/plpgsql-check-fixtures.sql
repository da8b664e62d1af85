-- Extra TVIEW shapes for sql/check/plpgsql-check.sh, loaded after the blog and shop test schemas
-- (core/src/test/resources/schemas): a TVIEW outside schema public whose generated names are
-- longer than 63 bytes (shortened with a hash), with a parent rule on a table of another schema
-- and a column whose type has no btree equality (json: compared as text by the refresh function).
CREATE SCHEMA app;
CREATE TABLE app.tb_subscription_with_a_name_long_enough_to_be_shortened (
    pk_subscription_with_a_name_long_enough_to_be_shortened serial PRIMARY KEY,
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    fk_user         integer NOT NULL REFERENCES public.tb_user ON UPDATE CASCADE,
    settings        json NOT NULL DEFAULT '{}'
);
INSERT INTO app.tb_subscription_with_a_name_long_enough_to_be_shortened (fk_user, settings) VALUES (1, '{"digest": true}'), (2, '{}');
SELECT pg_tviews_create('app.tv_subscription_with_a_name_long_enough_to_be_shortened', $$
    SELECT s.pk_subscription_with_a_name_long_enough_to_be_shortened, s.id, s.fk_user, s.settings,
           jsonb_build_object('user', u.name, 'settings', s.settings) AS data
    FROM app.tb_subscription_with_a_name_long_enough_to_be_shortened s JOIN public.tb_user u ON u.pk_user = s.fk_user
$$);
