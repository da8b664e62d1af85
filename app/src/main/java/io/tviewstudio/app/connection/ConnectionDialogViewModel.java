package io.tviewstudio.app.connection;

import io.tviewstudio.core.connect.ConnectionFailure;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.FailureCategory;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect dialog: the fields (host, port, database, user, sslmode, service, or a URL), the
 * saved profiles, the password typed for this attempt (memory only), logging in off the JavaFX
 * thread, and the failure core reported, shown in the dialog so that the user can correct it.
 */
public final class ConnectionDialogViewModel {

    public static final List<String> SSL_MODES = List.of("", "disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final SessionOpener opener;
    private final ProfileStore profiles;
    private final Executor background;
    private final Executor ui;
    private final Consumer<DatabaseSession> onConnected;

    private final BooleanProperty useUrl = new SimpleBooleanProperty(false);
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("localhost");
    private final StringProperty port = new SimpleStringProperty("5432");
    private final StringProperty database = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty sslmode = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty profileName = new SimpleStringProperty("");
    private final BooleanProperty saveProfile = new SimpleBooleanProperty(true);
    private final ObservableList<ConnectionProfile> savedProfiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selectedProfile = new SimpleObjectProperty<>();

    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorHint = new ReadOnlyStringWrapper("");

    /**
     * Logs in on {@code background} and shows the outcome through {@code ui}.
     *
     * @param background where the login runs (never the JavaFX thread: it waits for a server)
     * @param ui         where its outcome reaches the properties: the JavaFX thread in the app, the
     *                   calling thread ({@code Runnable::run}) in a test that needs no toolkit
     */
    public ConnectionDialogViewModel(SessionOpener opener, ProfileStore profiles, Executor background, Executor ui,
                                     Consumer<DatabaseSession> onConnected) {
        this.opener = Objects.requireNonNull(opener);
        this.profiles = Objects.requireNonNull(profiles);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.onConnected = Objects.requireNonNull(onConnected);
        selectedProfile.addListener((observable, old, profile) -> {
            if (profile != null) {
                fill(profile);
            }
        });
        try {
            savedProfiles.setAll(profiles.load());
        } catch (IOException e) {
            showError("Cannot read saved profiles", e.getMessage(), "Fix or delete " + profiles.file() + ".");
        }
    }

    public BooleanProperty useUrlProperty() { return useUrl; }
    public StringProperty urlProperty() { return url; }
    public StringProperty hostProperty() { return host; }
    public StringProperty portProperty() { return port; }
    public StringProperty databaseProperty() { return database; }
    public StringProperty userProperty() { return user; }
    /** The password for this attempt; never saved. Empty: ~/.pgpass or PGPASSWORD decide. */
    public StringProperty passwordProperty() { return password; }
    public StringProperty sslmodeProperty() { return sslmode; }
    public StringProperty serviceProperty() { return service; }
    public StringProperty profileNameProperty() { return profileName; }
    public BooleanProperty saveProfileProperty() { return saveProfile; }
    public ObservableList<ConnectionProfile> savedProfiles() { return savedProfiles; }
    public ObjectProperty<ConnectionProfile> selectedProfileProperty() { return selectedProfile; }
    public ReadOnlyBooleanProperty connectingProperty() { return connecting.getReadOnlyProperty(); }
    /** Becomes true once a login worked; the dialog closes then. */
    public ReadOnlyBooleanProperty connectedProperty() { return connected.getReadOnlyProperty(); }
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }
    /** e.g. "Wrong password"; empty when there is no error. */
    public ReadOnlyStringProperty errorHeadlineProperty() { return errorHeadline.getReadOnlyProperty(); }
    /** core's message, e.g. {@code password authentication failed for user "x" at h:5432 (password given explicitly)}. */
    public ReadOnlyStringProperty errorMessageProperty() { return errorMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorHintProperty() { return errorHint.getReadOnlyProperty(); }

    /** Fills the fields from a saved profile; the password field is left empty. */
    public void fill(ConnectionProfile profile) {
        profileName.set(profile.name());
        useUrl.set(profile.url() != null);
        url.set(orEmpty(profile.url()));
        host.set(orEmpty(profile.host()));
        port.set(profile.port() == null ? "" : profile.port().toString());
        database.set(orEmpty(profile.database()));
        user.set(orEmpty(profile.user()));
        sslmode.set(orEmpty(profile.sslmode()));
        service.set(orEmpty(profile.service()));
        password.set("");
    }

    /** The fields as a profile (what would be saved); no password. */
    public ConnectionProfile profile() throws ConnectionFailure {
        Integer portNumber = null;
        if (!useUrl.get() && !port.get().isBlank()) {
            try {
                portNumber = Integer.parseInt(port.get().strip());
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw new ConnectionFailure(FailureCategory.INVALID_SETTINGS, null,
                        "invalid port number \"" + port.get().strip() + "\"", "Give a port between 1 and 65535.", null);
            }
        }
        ConnectionProfile draft = useUrl.get()
                ? new ConnectionProfile("", ConnectionProfile.blankToNull(url.get()), null, null, null,
                ConnectionProfile.blankToNull(user.get()), ConnectionProfile.blankToNull(sslmode.get()), null)
                : new ConnectionProfile("", null, ConnectionProfile.blankToNull(host.get()), portNumber,
                ConnectionProfile.blankToNull(database.get()), ConnectionProfile.blankToNull(user.get()),
                ConnectionProfile.blankToNull(sslmode.get()), ConnectionProfile.blankToNull(service.get()));
        if (useUrl.get() && draft.url() == null) {
            throw new ConnectionFailure(FailureCategory.INVALID_SETTINGS, null, "no JDBC URL given",
                    "Write it as jdbc:postgresql://host:port/database.", null);
        }
        String name = profileName.get().isBlank() ? draft.target() : profileName.get().strip();
        return new ConnectionProfile(name, draft.url(), draft.host(), draft.port(), draft.database(), draft.user(),
                draft.sslmode(), draft.service());
    }

    /** Logs in off the JavaFX thread; on success saves the profile (if asked) and hands the session on. */
    public void connect() {
        if (connecting.get()) {
            return;
        }
        clearError();
        ConnectionProfile profile;
        try {
            profile = profile();
        } catch (ConnectionFailure failure) {
            showFailure(failure);
            return;
        }
        ConnectionSpec spec = profile.toSpec(password.get());
        connecting.set(true);
        progressText.set("Connecting to " + profile.target() + "\u2026");
        CompletableFuture.supplyAsync(() -> {
            try {
                return opener.open(spec, profile.name());
            } catch (ConnectionFailure failure) {
                throw new CompletionException(failure);
            }
        }, background).whenComplete((session, error) -> ui.execute(() -> finished(profile, session, error)));
    }

    private void finished(ConnectionProfile profile, DatabaseSession session, Throwable error) {
        connecting.set(false);
        progressText.set("");
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ConnectionFailure failure) {
                showFailure(failure);
            } else {
                showError("Cannot connect", String.valueOf(cause.getMessage()), null);
            }
            return;
        }
        if (saveProfile.get()) {
            try {
                savedProfiles.setAll(profiles.save(profile));
            } catch (IOException e) {
                // The connection works; losing the profile is worth a word, not a failed login.
                progressText.set("Connected, but the profile was not saved: " + e.getMessage());
            }
        }
        connected.set(true);
        onConnected.accept(session);
    }

    /** Deletes the selected saved profile. */
    public void deleteSelectedProfile() {
        ConnectionProfile profile = selectedProfile.get();
        if (profile == null) {
            return;
        }
        try {
            savedProfiles.setAll(profiles.delete(profile.name()));
        } catch (IOException e) {
            showError("Cannot delete the profile", e.getMessage(), null);
        }
    }

    private void showFailure(ConnectionFailure failure) {
        showError(FailureText.headline(failure.category()), failure.getMessage(), failure.hint());
    }

    private void showError(String headline, String message, String hint) {
        errorHeadline.set(headline);
        errorMessage.set(message == null ? "" : message);
        errorHint.set(hint == null ? "" : hint);
    }

    private void clearError() {
        showError("", "", null);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
