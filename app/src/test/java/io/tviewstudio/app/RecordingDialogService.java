package io.tviewstudio.app;

import io.tviewstudio.app.connection.ConnectionDialogViewModel;
import io.tviewstudio.app.connection.ConnectionInfo;
import io.tviewstudio.app.help.AboutDialogViewModel;
import io.tviewstudio.app.help.HelpTopic;
import java.util.ArrayList;
import java.util.List;

/** A {@link DialogService} that records what it was asked to show instead of opening windows. */
public final class RecordingDialogService implements DialogService {

    /** One error dialog that was asked for. */
    public record ShownError(String title, String message, Throwable error) {
    }

    public final List<AboutDialogViewModel> aboutDialogs = new ArrayList<>();
    public final List<ShownError> errors = new ArrayList<>();
    public final List<ConnectionDialogViewModel> connectionDialogs = new ArrayList<>();
    public final List<String> questions = new ArrayList<>();
    public final List<HelpTopic> documentation = new ArrayList<>();
    public final List<ConnectionInfo> connectionInfos = new ArrayList<>();
    /** What {@link #confirm} answers. */
    public boolean answer = true;

    @Override
    public void showAbout(AboutDialogViewModel about) {
        aboutDialogs.add(about);
    }

    @Override
    public void showDocumentation(HelpTopic topic) {
        documentation.add(topic);
    }

    @Override
    public void showError(String title, String message, Throwable error) {
        errors.add(new ShownError(title, message, error));
    }

    @Override
    public void showConnectionDialog(ConnectionDialogViewModel connection) {
        connectionDialogs.add(connection);
    }

    @Override
    public void showConnectionInfo(ConnectionInfo info) {
        connectionInfos.add(info);
    }

    @Override
    public boolean confirm(String title, String question) {
        questions.add(question);
        return answer;
    }
}
