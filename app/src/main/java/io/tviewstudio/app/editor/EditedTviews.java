package io.tviewstudio.app.editor;

import io.tviewstudio.core.analysis.TviewName;
import io.tviewstudio.core.deploy.DefinitionDiff;
import io.tviewstudio.core.deploy.ReplacePlan;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The installed TVIEWs the editor's document stands for (opened with Edit definition, or installed
 * from it), and what replacing the one its text defines changes: the installed definition against
 * the edited one, and the TVIEWs that read it. Holds no nodes; the JavaFX thread only.
 */
public final class EditedTviews {

    static final String NOT_EDITING = "Changes compare the text with the installed definition of the TVIEW it edits: "
            + "open one with Edit definition in the graph.";

    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper editingText = new ReadOnlyStringWrapper("");
    private final ObservableList<DefinitionDiff.Line> diff = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(NOT_EDITING);
    private final ReadOnlyStringWrapper dependantsText = new ReadOnlyStringWrapper("");
    private List<String> dependants = List.of();

    EditedTviews() {
        names.subscribe(() -> editingText.set(names.isEmpty() ? "" : "editing " + String.join(", ", names)));
    }

    /** The TVIEWs, as the catalog names them ({@code tv_post}, {@code app.tv_event}). */
    public ObservableList<String> names() {
        return FXCollections.unmodifiableObservableList(names);
    }

    /** {@code editing tv_post}; empty for a document that stands for no installed TVIEW. */
    public ReadOnlyStringProperty editingTextProperty() {
        return editingText.getReadOnlyProperty();
    }

    /** Their entities, which the analysis treats as replaced. */
    public Set<String> entities() {
        return names.stream().map(TviewName::parse).flatMap(java.util.Optional::stream).map(TviewName::entity)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The installed definition against the edited one, line by line; empty when nothing is replaced. */
    public ObservableList<DefinitionDiff.Line> diff() {
        return diff;
    }

    /** e.g. {@code tv_post: 1 line removed, 2 added against the installed definition}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What happens to the TVIEWs that read the replaced one. */
    public ReadOnlyStringProperty dependantsTextProperty() {
        return dependantsText.getReadOnlyProperty();
    }

    void editOnly(String tview) {
        names.setAll(tview);
    }

    void clear() {
        names.clear();
        showNothingReplaced(NOT_EDITING);
    }

    /** The TVIEWs a document's text created or replaced are what it stands for now. */
    void installed(List<String> tviews) {
        names.setAll(tviews);
    }

    /** A TVIEW that is no longer installed (dropped elsewhere): the document creates it again, it no longer replaces it. */
    void forget(String tview) {
        String entity = TviewName.parse(tview).map(TviewName::entity).orElse(null);
        names.removeIf(name -> TviewName.parse(name).map(TviewName::entity).filter(e -> e.equals(entity)).isPresent());
    }

    /** The outcome of a check: what replacing would change, or why nothing is replaced. */
    void show(ReplacePlan plan, DefinitionDiff lines) {
        if (plan == null) {
            showNothingReplaced(names.isEmpty() ? NOT_EDITING : "The text does not define " + String.join(" or ", names)
                    + " alone: Install creates the TVIEWs it defines, and " + String.join(", ", names) + " stays as installed.");
            return;
        }
        String tview = plan.replaced().tview();
        diff.setAll(lines.lines());
        summary.set(lines.unchanged() ? tview + ": the same as the installed definition"
                : tview + ": " + lines.removed() + (lines.removed() == 1 ? " line" : " lines") + " removed, "
                        + lines.added() + " added against the installed definition");
        dependants = plan.dependantNames();
        dependantsText.set(dependants.isEmpty() ? "No TVIEW reads " + tview + "."
                : String.join(", ", dependants) + (dependants.size() == 1 ? " reads " : " read ") + tview
                        + ": replacing it drops " + (dependants.size() == 1 ? "it" : "them")
                        + " too and creates " + (dependants.size() == 1 ? "it" : "them")
                        + " again from the stored definitions, in the same transaction.");
    }

    /** Without a database the installed definition is not known. */
    void showUnconnected() {
        showNothingReplaced(names.isEmpty() ? NOT_EDITING : "Connect to compare the text with the installed definition.");
    }

    private void showNothingReplaced(String why) {
        diff.clear();
        summary.set(why);
        dependantsText.set("");
        dependants = List.of();
    }

    /** The question before replacing: what is dropped and created again, and that a failure changes nothing. */
    String replaceQuestion(String tview) {
        String readers = dependants.isEmpty() ? "" : " " + String.join(", ", dependants)
                + (dependants.size() == 1 ? " reads it: it is" : " read it: they are")
                + " dropped with it and created again from the stored definitions.";
        return "Replace " + tview + " with the edited definition? It is dropped and created again from the text (see Changes)."
                + readers + " All in one transaction: if any step fails, nothing changes.";
    }
}
