package io.tviewstudio.core.analysis;

import java.util.List;
import java.util.Random;

/**
 * Generated and mutated TVIEW definitions and names for fuzzing: random token soup, mutations of
 * valid definitions, huge and deeply nested inputs, odd Unicode, quoted identifiers with quotes and
 * semicolons inside, and names that try to break out into SQL of their own. Deterministic per seed.
 */
final class HostileInput {

    /** A name and a definition, as given to pg_tviews_create. */
    record Case(String kind, String name, String select) {
        /** The same as a CREATE TVIEW statement (what tviews files hold). */
        String createStatement() {
            return "CREATE TVIEW " + name + " AS " + select;
        }

        @Override
        public String toString() {
            String shown = select.length() > 300 ? select.substring(0, 300) + "... (" + select.length() + " chars)" : select;
            String shownName = name.length() > 100 ? name.substring(0, 100) + "... (" + name.length() + " chars)" : name;
            return kind + " [" + shownName + "] " + shown;
        }
    }

    static final List<String> VALID = List.of(
            "SELECT p.pk_post, p.id, p.fk_user, jsonb_build_object('title', p.title, 'author', u.name) AS data "
                    + "FROM tb_post p JOIN tb_user u ON u.pk_user = p.fk_user",
            "SELECT u.pk_user, u.id, jsonb_build_object('name', u.name, 'posts', (SELECT count(*) FROM tb_post p "
                    + "WHERE p.fk_user = u.pk_user)) AS data FROM tb_user u",
            "SELECT c.pk_comment, c.id, c.fk_post, jsonb_build_object('body', c.body) AS data FROM tb_comment c "
                    + "WHERE c.body <> '' /* a comment; with a semicolon */",
            "SELECT c.pk_category AS pk_fuzz, c.id, jsonb_build_object('t', c.title || $q$;DROP TABLE tb_canary;$q$) AS data "
                    + "FROM tb_category c");

    private static final List<String> TOKENS = List.of(
            "SELECT", "FROM", "WHERE", "JOIN", "ON", "GROUP BY", "ORDER BY", "UNION", "LIMIT 1", "WITH", "RECURSIVE",
            "DISTINCT", "AS", "AND", "OR", "NOT", "NULL", "CASE", "WHEN", "THEN", "END", "(", ")", ",", ";", ".", "*",
            "'", "''", "\"", "\"\"", "$$", "$q$", "$tv$", "--", "/*", "*/", "\n", "\t", "::jsonb", "::int", "1", "0",
            "-1", "1e309", "9223372036854775808", "pk_post", "pk_user", "id", "data", "fk_user", "tb_post", "tb_user",
            "tb_comment", "tb_canary", "tv_post", "p", "u", "jsonb_build_object", "count(*)", "now()", "random()",
            "pg_sleep(0.01)", "pg_catalog.", "public.", "DROP TABLE tb_canary", "DELETE FROM tb_canary",
            "INSERT INTO tb_canary VALUES (2)", "COMMIT", "ROLLBACK", "SET ROLE postgres", "\\", "E'\\''", "%s", "%I",
            "\u202E", "\u200D", "\uFEFF", "\u00A0", "\uFF1B", "\u0455elect", "e\u0301", "\uD83D\uDE00", "\u0000");

    private static final List<String> NAMES = List.of(
            "tv_fuzz", "tv_x; DROP TABLE tb_canary; --", "tv_x$$", "tv_x$$; DROP TABLE tb_canary; --",
            "tv_x'); DROP TABLE tb_canary; --", "\"tv_x\"\"; DROP TABLE tb_canary; --\"",
            "\"evil\"\"; DROP TABLE tb_canary; --\".tv_x", "public.tv_x", "\"public\".\"tv_x\"", "tv_X", "TV_X", "tv_",
            "tv_1", "tv__", "tv_" + "a".repeat(61), "tv_" + "a".repeat(200), "tv_\u00e4", "tv_x\u0000", "tv_x\n", " tv_x ",
            "public.tv_x.tv_y", "..tv_x", "\"\".tv_x", "pg_catalog.tv_x", "pg_temp.tv_x", "tv_x /* c */", "tv_x--",
            "tv_x%s", "", "tv_post", "v_post", "tb_post");

    private final Random random;
    private final int maxDepth;
    private final int maxSizeBits;

    /**
     * {@code large}: nesting up to 20,000 levels and texts up to 1 MB (a soak run), else 40 levels and
     * 64 KB. JSqlParser needs up to a second for 100 nested calls, so the default run stays shallow;
     * deeper than 100 levels the analyzer refuses the definition (TV010) without parsing it
     * (DefinitionParserTest).
     */
    HostileInput(long seed, boolean large) {
        this.random = new Random(seed);
        this.maxDepth = large ? 20_000 : 40;
        this.maxSizeBits = large ? 11 : 7;
    }

    Case next() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> new Case("tokens", name(), tokens(1 + random.nextInt(40)));
            case 2, 3, 4 -> new Case("mutated", name(), mutate(pick(VALID), 1 + random.nextInt(4)));
            case 5 -> new Case("nested", name(), nested());
            case 6 -> new Case("huge", name(), huge());
            case 7 -> new Case("quoted", name(), quoted());
            default -> new Case("name", pick(NAMES), pick(VALID));
        };
    }

    private String name() {
        return random.nextInt(3) == 0 ? pick(NAMES) : "tv_fuzz";
    }

    private String tokens(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pick(TOKENS)).append(random.nextInt(4) == 0 ? "" : " ");
        }
        return text.toString();
    }

    private String mutate(String text, int steps) {
        StringBuilder mutated = new StringBuilder(text);
        for (int i = 0; i < steps; i++) {
            int at = random.nextInt(mutated.length() + 1);
            switch (random.nextInt(4)) {
                case 0 -> mutated.insert(at, " " + pick(TOKENS) + " ");
                case 1 -> mutated.delete(at, Math.min(mutated.length(), at + 1 + random.nextInt(12)));
                case 2 -> {
                    int end = Math.min(mutated.length(), at + 1 + random.nextInt(30));
                    mutated.insert(at, mutated.substring(at, end));
                }
                default -> {
                    if (at < mutated.length()) {
                        mutated.setCharAt(at, (char) (0x20 + random.nextInt(0x2fff)));
                    }
                }
            }
        }
        return mutated.toString();
    }

    private String nested() {
        int depth = 1 + random.nextInt(maxDepth);
        return switch (random.nextInt(4)) {
            case 0 -> "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth) + " AS pk_fuzz, id, data FROM tv_post";
            case 1 -> "SELECT * FROM " + "(SELECT * FROM ".repeat(depth) + "tb_post" + ") s".repeat(depth);
            case 2 -> "SELECT p.pk_post AS pk_fuzz, p.id, " + "jsonb_build_object('a', ".repeat(depth) + "1"
                    + ")".repeat(depth) + " AS data FROM tb_post p";
            default -> "SELECT p.pk_post AS pk_fuzz, p.id, p.data FROM tv_post p WHERE " + "NOT ".repeat(depth) + "true";
        };
    }

    private String huge() {
        int size = 1 << (10 + random.nextInt(maxSizeBits));  // from 1 KB
        return switch (random.nextInt(4)) {
            case 0 -> "SELECT p.pk_post AS pk_fuzz, p.id, jsonb_build_object('t', '" + "x".repeat(size) + "') AS data FROM tb_post p";
            case 1 -> "SELECT p.pk_post AS pk_fuzz, p.id, p.title AS " + "c".repeat(size) + ", p.fk_user FROM tb_post p";
            case 2 -> "SELECT p.pk_post AS pk_fuzz, p.id, jsonb_build_object('t', p.title) AS data"
                    + ", p.title AS c".repeat(Math.min(size / 16, 3000)) + " FROM tb_post p";
            default -> "SELECT p.pk_post AS pk_fuzz, p.id, jsonb_build_object('t', '\u00e9\u202E\uD83D\uDE00"
                    + "\u00e9".repeat(size / 2) + "') AS data FROM tb_post p";
        };
    }

    private String quoted() {
        String identifier = "\"" + pick(List.of("a\"\"b", "x;y", "\"\";DROP TABLE tb_canary;--", "$$", "pk_fuzz",
                "pk_fuzz\"\" ; --", "\u202Epk_fuzz", " ", "data")) + "\"";
        return "SELECT p.pk_post AS pk_fuzz, p.id, jsonb_build_object('t', p.title) AS " + identifier
                + ", p.title AS " + identifier + " FROM tb_post p";
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
