package io.tviewstudio.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
            CORE + ".inspect..", CORE + ".playbook..", CORE + ".runtime.."};

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
}
