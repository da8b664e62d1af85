package io.tviewstudio.core.inspect;

/** Identifier quoting for the inspector's statements: names from the catalog enter SQL only through here. */
final class Sql {

    private Sql() {
    }

    /** Always quoted, so that no name (upper case, spaces, quotes, key words) can change the statement. */
    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
