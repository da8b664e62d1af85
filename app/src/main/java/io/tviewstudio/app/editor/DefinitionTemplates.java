package io.tviewstudio.app.editor;

import java.util.List;

/** Starting points for the three common TVIEW shapes (see docs/concepts.md). */
public final class DefinitionTemplates {

    /** A named template. */
    public record Template(String name, String text) {
    }

    public static final List<Template> ALL = List.of(
            new Template("Entity", """
                    CREATE TVIEW tv_user AS
                    SELECT u.pk_user, u.id,
                           jsonb_build_object('id', u.id, 'name', u.name) AS data
                    FROM tb_user u;
                    """),
            new Template("Parent embed", """
                    CREATE TVIEW tv_post AS
                    SELECT p.pk_post, p.id, p.fk_user,
                           jsonb_build_object('id', p.id, 'title', p.title,
                                              'author', jsonb_build_object('id', u.id, 'name', u.name)) AS data
                    FROM tb_post p
                    JOIN tb_user u ON u.pk_user = p.fk_user;
                    """),
            new Template("Child aggregate", """
                    CREATE TVIEW tv_category AS
                    SELECT c.pk_category, c.id,
                           jsonb_build_object('title', c.title,
                                              'posts', coalesce((SELECT jsonb_agg(p.title ORDER BY p.pk_post)
                                                                 FROM tb_post p
                                                                 WHERE p.fk_category = c.pk_category), '[]')) AS data
                    FROM tb_category c;
                    """));

    private DefinitionTemplates() {
    }
}
