package io.tviewstudio.core.analysis;

/**
 * Translates {@code CREATE TVIEW name AS select} into the runtime call that does it:
 * {@code SELECT pg_tviews_create('name', $$select$$);}. The SELECT is passed verbatim in a dollar
 * quote whose tag does not occur in it; {@code IF NOT EXISTS} becomes a guard on pg_tview_meta.
 */
public final class CreateTviewTranslator {

    private CreateTviewTranslator() {
    }

    /** The pg_tviews_create call for a definition given as CREATE TVIEW source text; null if it is not one. */
    public static String translate(String createTviewText) {
        Definition definition = Definition.readCreate(createTviewText);
        if (definition == null) {
            return null;
        }
        String select = definition.select();
        int semicolon = SqlScanner.firstSemicolon(select);
        return toCreateCall(definition.nameText(), semicolon < 0 ? select : select.substring(0, semicolon),
                definition.ifNotExists());
    }

    static String toCreateCall(String tviewName, String select, boolean ifNotExists) {
        String body = select.strip();
        String call = "SELECT pg_tviews_create(" + literal(tviewName) + ", " + dollarQuote(body) + ")";
        if (ifNotExists) {
            TviewName name = TviewName.parse(tviewName).orElse(null);
            String entity = name == null ? tviewName : name.entity();
            call += "\nWHERE NOT EXISTS (SELECT 1 FROM pg_tview_meta WHERE entity = " + literal(entity) + ")";
        }
        return call + ";";
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static String dollarQuote(String body) {
        String tag = "$$";
        for (int i = 0; body.contains(tag) || body.endsWith(tag.substring(0, tag.length() - 1)); i++) {
            tag = "$tv" + (i == 0 ? "" : String.valueOf(i)) + "$";
        }
        return tag + body + tag;
    }
}
