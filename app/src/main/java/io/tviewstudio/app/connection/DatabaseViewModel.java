package io.tviewstudio.app.connection;

import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.install.MissingPrivilege;
import io.tviewstudio.core.install.MissingPrivilegesException;
import io.tviewstudio.core.install.RuntimeScripts;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The database the window works on: the open session, whether the TVIEW runtime is there at the
 * right version (else "Install runtime" / "Upgrade runtime"), whether the link dropped (else
 * "Reconnect"), and its TVIEWs for the graph. Problems are shown in a banner in the window, not in
 * pop-ups, so that they stay visible while the user decides. Call it on the UI thread; what the
 * session's thread finds comes back through the UI executor it was built with.
 */
public final class DatabaseViewModel implements AutoCloseable {

    public enum State { NONE, CHECKING, CONNECTED, RUNTIME_MISSING, RUNTIME_OUTDATED, INSTALLING_RUNTIME, LINK_LOST, RECONNECTING }

    static final String INSTALL_RUNTIME = "Install runtime";
    static final String UPGRADE_RUNTIME = "Upgrade runtime";
    static final String RECONNECT = "Reconnect";

    private final Executor ui;
    private final ReadOnlyObjectWrapper<DatabaseSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NONE);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bannerHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bannerMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bannerAction = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bannerDetails = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ObservableList<TviewInfo> tviews = FXCollections.observableArrayList();
    private final ObservableList<TviewInfo> readOnlyTviews = FXCollections.unmodifiableObservableList(tviews);
    /** The server's PostgreSQL version, once the catalog was read; the status bar names it. */
    private String serverVersion = "";

    /**
     * @param ui runs the steps that follow work on the session's thread: {@code Platform::runLater}
     *           in the application, a direct or recording executor in a test
     */
    public DatabaseViewModel(Executor ui) {
        this.ui = Objects.requireNonNull(ui);
        // The count in the status bar follows every read of the catalog (an install, a refresh).
        tviews.addListener((javafx.collections.ListChangeListener<TviewInfo>) change -> {
            if (state.get() == State.CONNECTED) {
                showConnectedStatus();
            }
        });
        state.addListener((observable, old, now) -> {
            if (now == State.CONNECTED) {
                showConnectedStatus();
            }
        });
    }

    public ReadOnlyObjectProperty<DatabaseSession> sessionProperty() { return session.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }
    /** For the status bar; empty while nothing is connected. */
    public ReadOnlyStringProperty statusTextProperty() { return statusText.getReadOnlyProperty(); }
    /** The banner's title, e.g. "Connection lost"; empty: no banner. */
    public ReadOnlyStringProperty bannerHeadlineProperty() { return bannerHeadline.getReadOnlyProperty(); }
    public ReadOnlyStringProperty bannerMessageProperty() { return bannerMessage.getReadOnlyProperty(); }
    /** The banner button's text ("Install runtime", "Upgrade runtime", "Reconnect"), empty for none. */
    public ReadOnlyStringProperty bannerActionProperty() { return bannerAction.getReadOnlyProperty(); }
    /** Text to copy from the banner (the GRANT statements of missing rights), empty for none. */
    public ReadOnlyStringProperty bannerDetailsProperty() { return bannerDetails.getReadOnlyProperty(); }
    /** 0..1 while installing the runtime. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** The TVIEWs of the open database, as last read. */
    public ObservableList<TviewInfo> tviews() { return readOnlyTviews; }

    /** Works on a newly opened database: checks the runtime and reads its TVIEWs. */
    public void attach(DatabaseSession opened) {
        replaceSession(opened);
        checkRuntimeAndLoad();
    }

    /** Works on the demo database, whose runtime, version and TVIEWs its start-up already read. */
    public void attachDemo(DatabaseSession opened, String version, List<TviewInfo> known) {
        replaceSession(opened);
        serverVersion = version;
        showTviews(known);
        state.set(State.CONNECTED);
    }

    /** Shows TVIEWs read elsewhere (the demo start-up) before a session is attached. */
    public void showTviews(List<TviewInfo> known) {
        // Setting an equal list would still fire a change and lay the graph out again.
        if (!tviews.equals(known)) {
            tviews.setAll(known);
        }
    }

    private void replaceSession(DatabaseSession opened) {
        DatabaseSession old = session.get();
        if (old != null && old != opened) {
            old.close();
        }
        session.set(opened);
        clearBanner();
    }

    /** Reads the TVIEW catalog again (after an install, say); completes on the UI executor. */
    public CompletableFuture<List<TviewInfo>> refresh() {
        DatabaseSession current = session.get();
        if (current == null) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<TviewInfo>> done = new CompletableFuture<>();
        current.submit(connection -> TviewStudio.on(connection).tviews()).whenComplete((list, error) -> ui.execute(() -> {
            if (error != null) {
                failed(current, error);
                done.completeExceptionally(error);
            } else {
                if (current == session.get()) {
                    showTviews(list);
                }
                done.complete(list);
            }
        }));
        return done;
    }

    /** Checks the runtime and reads the catalog again, e.g. after a playbook restore installed the runtime. */
    public void reload() {
        if (session.get() != null) {
            checkRuntimeAndLoad();
        }
    }

    private void checkRuntimeAndLoad() {
        DatabaseSession current = session.get();
        state.set(State.CHECKING);
        statusText.set("Connected to " + current.label() + " \u2014 reading the TVIEW catalog\u2026");
        current.submit(connection -> {
            TviewStudio studio = TviewStudio.on(connection);
            studio.requireCurrentRuntime(current.target());
            return new Loaded(studio.serverVersion(), studio.tviews());
        }).whenComplete((loaded, error) -> ui.execute(() -> {
            if (current != session.get()) {
                return;
            }
            if (error == null) {
                serverVersion = loaded.version();
                showTviews(loaded.tviews());
                clearBanner();
                state.set(State.CONNECTED);
            } else {
                failed(current, error);
            }
        }));
    }

    private record Loaded(String version, List<TviewInfo> tviews) {
    }

    private void showConnectedStatus() {
        DatabaseSession current = session.get();
        if (current != null) {
            statusText.set(connectedStatus(current.label(), serverVersion, tviews.size()));
        }
    }

    /** {@code Connected to mydb (PostgreSQL 17.2) — 4 TVIEWs}. */
    public static String connectedStatus(String label, String version, int tviewCount) {
        return "Connected to " + label + (version.isEmpty() ? "" : " (PostgreSQL " + version + ")") + " \u2014 "
                + tviewCount + (tviewCount == 1 ? " TVIEW" : " TVIEWs");
    }

    /**
     * Reports a failure of work done with the session: a dropped link turns into "Connection lost"
     * with Reconnect; other errors are the caller's to show.
     *
     * @return whether the error was a dropped link
     */
    public boolean reportFailure(Throwable error) {
        DatabaseSession current = session.get();
        if (current != null && DatabaseError.isConnectionLoss(error)) {
            linkLost(current, error);
            return true;
        }
        return false;
    }

    private void failed(DatabaseSession current, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof ConnectionFailure failure && failure.category().isRuntimeProblem()) {
            boolean missing = failure.category() == io.tviewstudio.core.connect.FailureCategory.RUNTIME_NOT_INSTALLED;
            state.set(missing ? State.RUNTIME_MISSING : State.RUNTIME_OUTDATED);
            tviews.clear();
            banner(FailureText.headline(failure.category()), failure.getMessage() + ".",
                    missing ? INSTALL_RUNTIME : UPGRADE_RUNTIME);
            statusText.set("Connected to " + current.label() + " \u2014 " + FailureText.headline(failure.category()).toLowerCase());
        } else if (DatabaseError.isConnectionLoss(cause)) {
            linkLost(current, cause);
        } else {
            state.set(State.CONNECTED);
            banner("Cannot read the TVIEW catalog", DatabaseError.firstLine(cause), "");
        }
    }

    private void linkLost(DatabaseSession current, Throwable error) {
        state.set(State.LINK_LOST);
        banner("Connection lost", "The connection to " + current.label() + " was lost (" + DatabaseError.firstLine(unwrap(error))
                + "). Unsaved editor text is kept.", RECONNECT);
        statusText.set("Connection to " + current.label() + " lost");
    }

    /** The banner button: installs or upgrades the runtime, or reconnects. */
    public void runBannerAction() {
        switch (state.get()) {
            case RUNTIME_MISSING, RUNTIME_OUTDATED -> installRuntime();
            case LINK_LOST -> reconnect();
            default -> clearBanner();
        }
    }

    /** Installs (or upgrades) the runtime in one transaction with progress, then reads the catalog. */
    public void installRuntime() {
        DatabaseSession current = session.get();
        if (current == null) {
            return;
        }
        List<RuntimeScripts.Piece> pieces = RuntimeScripts.installPieces();
        AtomicInteger done = new AtomicInteger();
        State before = state.get() == State.RUNTIME_OUTDATED ? State.RUNTIME_OUTDATED : State.RUNTIME_MISSING;
        String retry = before == State.RUNTIME_OUTDATED ? UPGRADE_RUNTIME : INSTALL_RUNTIME;
        state.set(State.INSTALLING_RUNTIME);
        progress.set(0);
        banner("Installing the TVIEW runtime", "Installing into " + current.label() + "\u2026", "");
        current.submit(connection -> {
            TviewStudio.on(connection).installRuntime(piece -> {
                double fraction = (double) done.incrementAndGet() / pieces.size();
                ui.execute(() -> {
                    progress.set(fraction);
                    bannerMessage.set("Installing " + piece.path() + " (" + Math.round(fraction * 100) + " %)\u2026");
                });
            });
            return null;
        }).whenComplete((ignored, error) -> ui.execute(() -> {
            progress.set(error == null ? 1 : 0);
            if (error == null) {
                checkRuntimeAndLoad();
            } else if (unwrap(error) instanceof MissingPrivilegesException missing) {
                state.set(before);
                missingPrivileges(current, missing, retry);
            } else if (!reportFailure(error)) {
                state.set(before);
                banner("Runtime install failed", DatabaseError.firstLine(unwrap(error)) + " Nothing was installed.", retry);
            }
        }));
    }

    /** The role lacks rights: each one and why, and the GRANT statements to copy; the button tries again. */
    private void missingPrivileges(DatabaseSession current, MissingPrivilegesException missing, String retry) {
        StringBuilder message = new StringBuilder(missing.summary()).append('.');
        for (MissingPrivilege privilege : missing.missing()) {
            message.append("\n\u2022 ").append(privilege.message()).append(" (").append(privilege.reason()).append(')');
        }
        message.append("\nRun these statements as a superuser or the owner of each object, then try again:");
        banner("Missing rights to install the runtime", message.toString(), retry);
        bannerDetails.set(missing.grantStatements());
        statusText.set("Connected to " + current.label() + " \u2014 missing rights to install the TVIEW runtime");
    }

    /** Logs in again with the same settings (and the password typed before), then reads the catalog. */
    public void reconnect() {
        DatabaseSession current = session.get();
        if (current == null) {
            return;
        }
        state.set(State.RECONNECTING);
        banner("Reconnecting", "Logging in to " + current.label() + " again\u2026", "");
        current.reconnect().whenComplete((ignored, error) -> ui.execute(() -> {
            if (current != session.get()) {
                return;
            }
            if (error == null) {
                checkRuntimeAndLoad();
            } else {
                state.set(State.LINK_LOST);
                Throwable cause = unwrap(error);
                String headline = cause instanceof ConnectionFailure failure ? FailureText.headline(failure.category())
                        : "Reconnect failed";
                banner(headline, DatabaseError.firstLine(cause) + ". Unsaved editor text is kept.", RECONNECT);
            }
        }));
    }

    /** Closes the banner (e.g. the user read a message that needs no action). */
    public void clearBanner() {
        banner("", "", "");
    }

    private void banner(String headline, String message, String action) {
        bannerDetails.set("");
        bannerHeadline.set(headline);
        bannerMessage.set(message);
        bannerAction.set(action);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        DatabaseSession current = session.get();
        session.set(null);
        tviews.clear();
        state.set(State.NONE);
        statusText.set("");
        clearBanner();
        if (current != null) {
            current.close();
        }
    }
}
