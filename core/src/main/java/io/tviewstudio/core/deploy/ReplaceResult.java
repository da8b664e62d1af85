package io.tviewstudio.core.deploy;

import java.sql.SQLException;
import java.util.List;

/**
 * What replacing a TVIEW did: the steps that ran, and either the commit (or, for a dry run, the
 * rollback of steps that all succeeded) or the step that failed, after which everything was rolled
 * back and the database is as it was.
 *
 * @param tview     the TVIEW replaced, as the plan names it
 * @param committed whether the replacement is in the database now
 * @param steps     the steps that ran, in order (on failure, those before the failed one)
 * @param failure   why it was rolled back, or null
 */
public record ReplaceResult(String tview, boolean committed, List<Step> steps, Failure failure) {

    public enum Action { DROP, CREATE, RECREATE, REFRESH_MODE, GRANT }

    /**
     * One step.
     *
     * @param tview   the TVIEW it concerns
     * @param message the runtime's message (e.g. {@code TVIEW tv_post created: 3 rows, 2 source relation(s)})
     */
    public record Step(Action action, String tview, String message) {
    }

    /** Whose step failed: the new definition of the replaced TVIEW, or the stored definition of a dependant. */
    public enum Role { REPLACED, DEPENDANT }

    /**
     * The failed step, with the server's error as it gave it.
     *
     * @param tview    the TVIEW whose step failed
     * @param role     whether it is the replaced TVIEW or a dependant
     * @param replaced the TVIEW being replaced
     * @param sqlState the SQLSTATE ({@code TV041} for the runtime's refusals)
     * @param message  the server's message
     * @param hint     the server's hint, or null
     * @param detail   the server's detail (e.g. {@code view post_titles depends on table tv_post}), or null
     * @param cause    the error (e.g. to tell a lost connection from a refusal), or null for a refusal
     *                 found before anything ran
     */
    public record Failure(String tview, Role role, String replaced, String sqlState, String message, String hint,
                          String detail, SQLException cause) {

        /**
         * {@code tv_category, which reads tv_post, cannot be created again: TVIEW tv_category: column
         * tp.fk_category does not exist}; for the replaced TVIEW the server's message alone. The
         * detail follows in parentheses when it adds something (the runtime's errors repeat
         * PostgreSQL's message there; PostgreSQL's own name the object in the way).
         */
        public String explanation() {
            String what = detail == null || message.contains(detail) ? message : message + " (" + detail + ")";
            return role == Role.DEPENDANT ? tview + ", which reads " + replaced + ", cannot be created again: " + what : what;
        }

        /** The {@link #explanation()} after the SQLSTATE: {@code TV041: tv_category, which reads tv_post, ...}. */
        public String describe() {
            return (sqlState == null ? "" : sqlState + ": ") + explanation();
        }
    }

    public ReplaceResult {
        steps = List.copyOf(steps);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** The dependants created again, in order. */
    public List<String> recreated() {
        return steps.stream().filter(step -> step.action() == Action.RECREATE).map(Step::tview).toList();
    }

    /** The message of the step that created the new definition, or null when it did not run. */
    public String createMessage() {
        return steps.stream().filter(step -> step.action() == Action.CREATE).map(Step::message).findFirst().orElse(null);
    }
}
