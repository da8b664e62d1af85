package io.tviewstudio.core.install;

/**
 * One right the connected role lacks for a runtime install or a TVIEW create, with the statement
 * that would give it. Identifiers in every text are quoted as PostgreSQL quotes them
 * ({@code quote_ident}), so the statement can be pasted into psql as it is.
 *
 * @param right          what is missing: {@code CREATE}, {@code USAGE}, {@code TEMPORARY}, {@code TRIGGER},
 *                       {@code SELECT}, {@code ownership} or {@code schema} (schema public does not exist)
 * @param object         what it is missing on, e.g. {@code schema public}, {@code table public.tb_post}
 * @param message        e.g. {@code role app_owner lacks CREATE on schema public}
 * @param reason         why the runtime needs it
 * @param grantStatement the statement that gives it, e.g. {@code GRANT CREATE ON SCHEMA public TO app_owner;},
 *                       to be run by a superuser or the object's owner
 */
public record MissingPrivilege(String right, String object, String message, String reason, String grantStatement) {
}
