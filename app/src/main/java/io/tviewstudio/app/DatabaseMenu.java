package io.tviewstudio.app;

import io.tviewstudio.app.inspect.InspectorView;
import io.tviewstudio.app.inspect.InspectorViewModel;
import io.tviewstudio.app.migrate.MigrationView;
import io.tviewstudio.app.migrate.MigrationViewModel;
import io.tviewstudio.app.playbook.PlaybookExportView;
import io.tviewstudio.app.playbook.PlaybookRestoreView;
import io.tviewstudio.app.tools.ToolViews;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Database menu: disaster-recovery playbooks (export, restore), the migration assistant for
 * materialized views and the row inspector, each in a window of its own beside the main window. Kept apart from
 * {@link MainWindowView} so that the main window's layout stays small.
 */
final class DatabaseMenu {

    private DatabaseMenu() {
    }

    static Menu create(MainWindowViewModel viewModel) {
        Menu menu = new Menu("Database");
        menu.setId("databaseMenu");
        MenuItem export = item("playbookExportMenuItem", "Export playbook\u2026", owner ->
                ToolViews.window(owner, "playbookExportWindow", "Export playbook",
                        new PlaybookExportView(viewModel.playbookExport()), 760, 600));
        MenuItem restore = item("playbookRestoreMenuItem", "Restore playbook\u2026", owner ->
                ToolViews.window(owner, "playbookRestoreWindow", "Restore playbook",
                        new PlaybookRestoreView(viewModel.playbookRestore()), 900, 720));
        MenuItem migrate = item("migrateMenuItem", "Migrate materialized views\u2026", owner -> {
            MigrationViewModel migration = viewModel.migration();
            migration.setOnProposed(() -> showEditor(owner));
            Stage stage = ToolViews.window(owner, "migrationWindow", "Migrate materialized views",
                    new MigrationView(migration), 1040, 760);
            migration.load();
            return stage;
        });
        MenuItem inspect = item("inspectMenuItem", "Inspect TVIEW rows…", owner -> inspector(viewModel, owner, null));
        menu.getItems().addAll(export, restore, migrate, inspect);
        menu.getItems().forEach(menuItem -> menuItem.disableProperty().bind(viewModel.database().sessionProperty().isNull()));
        return menu;
    }

    /** The row inspector in a window of its own, on {@code table} (a TVIEW table) or, when null, the first TVIEW. */
    static Stage inspector(MainWindowViewModel viewModel, Window owner, String table) {
        InspectorViewModel inspector = viewModel.inspector();
        Stage stage = ToolViews.window(owner, "inspectorWindow", "Inspect TVIEW rows", new InspectorView(inspector), 1100, 820);
        String first = table != null ? table : inspector.tviews().isEmpty() ? null : inspector.tviews().getFirst();
        if (first != null) {
            inspector.inspect(first);
        }
        return stage;
    }

    private interface WindowFactory {
        Stage open(Window owner);
    }

    private static MenuItem item(String id, String text, WindowFactory factory) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        // A menu bar's menus have no parent popup to ask: the owner is the window showing the main window.
        item.setOnAction(event -> factory.open(Window.getWindows().stream()
                .filter(window -> window.getScene() != null && window.getScene().getRoot() instanceof MainWindowView)
                .findFirst().orElse(null)).show());
        return item;
    }

    /** The proposal is in the editor: bring the main window forward on its Design tab. */
    private static void showEditor(Window owner) {
        if (owner == null || owner.getScene() == null) {
            return;
        }
        Node tabs = owner.getScene().lookup("#mainTabs");
        if (tabs instanceof TabPane pane) {
            pane.getTabs().stream().filter(tab -> "designTab".equals(tab.getId())).findFirst()
                    .ifPresent(tab -> pane.getSelectionModel().select(tab));
        }
        if (owner instanceof Stage stage) {
            stage.toFront();
        }
    }
}
