package io.tviewstudio.core.migrate;

/** What happens to the materialized view once its TVIEW exists. */
public enum Cutover {
    /** Keep both; readers move to the tv_ table when they are ready. */
    KEEP,
    /** Replace the materialized view by a plain view of the same name and columns over the tv_ table: readers need no change. */
    VIEW,
    /** Drop the materialized view; readers must read the tv_ table. */
    DROP
}
