package io.tviewstudio.core.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the core library that docs/contributing/architecture.md describes, as rules that fail the
 * build (ArchUnit over core's compiled main classes). A rule that a change breaks names each
 * offending dependency; fix the dependency, or change the architecture and its page together.
 */
class ArchitectureTest {

    private static final String CORE = "io.tviewstudio.core";

    /** The library: what the app, the command line and other programs build on. */
    private static final String[] LIBRARY = {CORE + ".analysis..", CORE + ".catalog..", CORE + ".connect..",
            CORE + ".deploy..", CORE + ".graph..", CORE + ".health..", CORE + ".jdbc..", CORE + ".metrics..", CORE + ".migrate..",
            CORE + ".inspect..", CORE + ".install..", CORE + ".playbook.."};

    /** The facade: the one way into the library for a database, over all of it. */
    private static final String FACADE = CORE + ".api..";

    /** The other modules: built on core (cli, tools, app) or beside it (embedded); core's main code needs none. */
    private static final String[] OTHER_MODULES = {"io.tviewstudio.cli..", "io.tviewstudio.tools..",
            "io.tviewstudio.embedded..", "io.tviewstudio.app.."};

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CORE);
    }

    @Test
    void coreHasNoJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("core is the library under the desktop app and the command line (DESIGN.md)")
                .check(core);
    }

    @Test
    void coreFeaturePackagesHaveNoCycles() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void analysisAndTheGraphHoldNoJdbc() {
        noClasses().that().resideInAnyPackage(CORE + ".analysis..", CORE + ".graph..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..", CORE + ".jdbc..")
                .because("analysing a definition and drawing the graph need no database: what they know of one comes "
                        + "as a CatalogSnapshot or as lineage rules, which the catalog package reads")
                .check(core);
    }

    @Test
    void coreUsesNoOtherModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(OTHER_MODULES)
                .because("core is the library: the command line, the tools (benchmark, demo), the embedded server "
                        + "and the app are built on it or used only by its tests (decision 10)")
                .check(core);
    }

    @Test
    void coreHasNoCommandLineParser() {
        noClasses().should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("the command line is its own module (cli), a shell over the facade")
                .check(core);
    }

    @Test
    void theLibraryDoesNotUseTheFacade() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAPackage(FACADE)
                .because("the facade sits on top of the library and only delegates to it")
                .check(core);
    }

    /**
     * The classes whose SQL names the runtime's catalog tables, and why each does. Reading TVIEWs and
     * their lineage rules is done once, by {@code catalog.TviewCatalog}; a query that only one verb
     * runs lives with that verb.
     */
    private static final Map<String, String> CATALOG_TABLE_READERS = Map.of(
            CORE + ".catalog.TviewCatalog", "the TVIEWs, their lineage rules, whether the runtime is installed",
            CORE + ".catalog.LiveCatalog", "the analysis's look-up of one relation, which tells a TVIEW table",
            CORE + ".deploy.ReplacePlan", "what a replacement drops and creates again (the dependants, recursively)",
            CORE + ".deploy.TviewReplacer", "a replacement's refresh modes and its check for a dependant read",
            CORE + ".inspect.InspectedTview", "the view and key column of the TVIEW the row inspector opens",
            CORE + ".playbook.SnapshotReader", "what a playbook records (schema-qualified, with functions and triggers)",
            CORE + ".playbook.PlaybookSql", "the playbook's scripts, which run without the library",
            CORE + ".playbook.PlaybookGuide", "the playbook guide's SQL, for the reader to run by hand",
            CORE + ".analysis.CreateTviewTranslator", "the IF NOT EXISTS guard of a translated CREATE TVIEW");

    private static final String[] CATALOG_TABLES = {"pg_tview_meta", "pg_tview_source"};

    @Test
    void theRuntimesCatalogTablesAreReadInOnePlacePerQuery() {
        Set<String> naming = new TreeSet<>();
        for (JavaClass type : core) {
            if (namesACatalogTable(type)) {
                naming.add(type.getName().replaceFirst("\\$.*", ""));
            }
        }
        assertThat(naming)
                .as("classes whose SQL names %s: list TVIEWs and read lineage rules through catalog.TviewCatalog; "
                        + "a new query of one verb goes in CATALOG_TABLE_READERS with its reason", String.join(", ", CATALOG_TABLES))
                .containsExactlyInAnyOrderElementsOf(CATALOG_TABLE_READERS.keySet());
    }

    /**
     * Whether the compiled class holds one of the table names in its constants (SQL text; comments
     * are not compiled). The compiler copies a {@code static final String} constant into the classes
     * that use it, so SQL shared between classes is handed out by a method.
     */
    private static boolean namesACatalogTable(JavaClass type) {
        Source source = type.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + type.getName()));
        try (InputStream in = source.getUri().toURL().openStream()) {
            String constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String table : CATALOG_TABLES) {
                if (constants.contains(table)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
