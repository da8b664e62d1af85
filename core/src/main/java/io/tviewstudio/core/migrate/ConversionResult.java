package io.tviewstudio.core.migrate;

/**
 * What a conversion did.
 *
 * @param created        pg_tviews_create's message
 * @param onlyInMatview  rows of the materialized view (as jsonb) that no TVIEW row's data equals
 * @param onlyInTview    TVIEW data values that no materialized view row equals
 * @param committed      false on a dry run, or when the contents differed (then nothing changed)
 * @param rollbackSql    a psql script that undoes the conversion (materialized view back, TVIEW dropped)
 */
public record ConversionResult(String tview, String created, long matviewRows, long tviewRows, long onlyInMatview,
                               long onlyInTview, Cutover cutover, boolean committed, String rollbackSql) {

    public boolean contentsEqual() {
        return onlyInMatview == 0 && onlyInTview == 0;
    }
}
