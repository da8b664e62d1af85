package io.tviewstudio.app;

import io.tviewstudio.app.inspect.InspectorView;
import io.tviewstudio.app.inspect.InspectorViewModel;
import io.tviewstudio.app.migrate.MigrationView;
import io.tviewstudio.app.migrate.MigrationViewModel;
import io.tviewstudio.app.playbook.PlaybookExportView;
import io.tviewstudio.app.playbook.PlaybookRestoreView;
import io.tviewstudio.app.tools.ToolViews;
import java.util.function.Supplier;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Database menu: disaster-recovery playbooks (export, restore), the migration assistant for
 * materialized views and the row inspector, each in a window of its own beside the main window. Kept apart from
 * {@link MainWindowView} so that the main window's layout stays small. Which window owns the tool
 * windows is the caller's to say; what the main window shows afterwards (the editor, for a
 * migration proposal) is the view-model's state.
 */
final class DatabaseMenu {

    private DatabaseMenu() {
    }

    /** @param owner the window the tool windows open beside (the main window; null before it shows) */
    static Menu create(MainWindowViewModel viewModel, Supplier<Window> owner) {
        Menu menu = new Menu("Database");
        menu.setId("databaseMenu");
        MenuItem export = item("playbookExportMenuItem", "Export playbook\u2026", owner, window ->
                ToolViews.window(window, "playbookExportWindow", "Export playbook",
                        new PlaybookExportView(viewModel.playbookExport()), 760, 600));
        MenuItem restore = item("playbookRestoreMenuItem", "Restore playbook\u2026", owner, window ->
                ToolViews.window(window, "playbookRestoreWindow", "Restore playbook",
                        new PlaybookRestoreView(viewModel.playbookRestore()), 900, 720));
        MenuItem migrate = item("migrateMenuItem", "Migrate materialized views\u2026", owner, window -> {
            MigrationViewModel migration = viewModel.migration();
            Stage stage = ToolViews.window(window, "migrationWindow", "Migrate materialized views",
                    new MigrationView(migration), 1040, 760);
            migration.load();
            return stage;
        });
        MenuItem inspect = item("inspectMenuItem", "Inspect TVIEW rows…", owner, window -> inspector(viewModel, window, null));
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

    private static MenuItem item(String id, String text, Supplier<Window> owner, WindowFactory factory) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> factory.open(owner.get()).show());
        return item;
    }
}
