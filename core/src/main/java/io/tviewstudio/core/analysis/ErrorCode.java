package io.tviewstudio.core.analysis;

/**
 * The runtime's error codes ({@code pg_tviews_error_codes()} in sql/runtime/10_errors.sql). A Java
 * diagnostic carries the code the runtime raises for the same problem. The declaration order is the
 * order in which {@code pg_tviews_create} checks a definition, so the first error in that order is
 * the one the runtime would report.
 */
public enum ErrorCode {
    TV001("invalid_tview_name"),
    TV002("tview_already_exists"),
    TV004("name_in_use"),
    TV051("runtime_owner_lacks_usage"),
    TV010("invalid_definition"),
    TV030("dependency_cycle"),
    TV040("unknown_relation"),
    TV041("unknown_column"),
    TV042("unknown_function"),
    TV050("insufficient_privilege"),
    TV020("unsupported_sql"),
    TV021("volatile_function"),
    TV011("missing_required_column"),
    TV012("wrong_column_type"),
    TV023("unsupported_source"),
    TV024("row_security_source"),
    TV022("lineage_not_derivable"),
    TV013("invalid_key_values"),
    TV003("tview_not_found"),
    TV031("dependent_tviews_exist"),
    TV032("cascade_depth_exceeded"),
    TV060("invalid_setting"),
    TV061("invalid_argument"),
    TV070("table_not_convertible"),
    TV071("table_differs_from_view"),
    TV080("unknown_prepared_transaction"),
    TV081("top_level_statement_required");

    private final String errorName;

    ErrorCode(String errorName) {
        this.errorName = errorName;
    }

    /** The name the runtime gives the code, e.g. {@code invalid_tview_name}. */
    public String errorName() {
        return errorName;
    }
}
