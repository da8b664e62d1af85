package io.tviewstudio.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the core library that docs/architecture.md describes, as rules that fail the
 * build (ArchUnit over core's compiled main classes). A rule that a change breaks names each
 * offending dependency; fix the dependency, or change the architecture and its page together.
 */
class ArchitectureTest {

    private static final String CORE = "io.tviewstudio.core";

    /** The library: what the app, the command line and other programs build on. */
    private static final String[] LIBRARY = {CORE + ".analysis..", CORE + ".catalog..", CORE + ".connect..",
            CORE + ".deploy..", CORE + ".graph..", CORE + ".jdbc..", CORE + ".metrics..", CORE + ".migrate..", CORE + ".inspect..",
            CORE + ".playbook..", CORE + ".runtime.."};

    /** Tools built on the library, which the library itself never needs. */
    private static final String[] TOOLS = {CORE + ".cli..", CORE + ".bench..", CORE + ".demo..", CORE + ".embedded.."};

    /**
     * The old name of catalog.LiveCatalog, a deprecated forwarder kept while the desktop app imports
     * it: the one class exempt from the rules below that it breaks. Delete both with the class.
     */
    private static final String DEPRECATED_LIVE_CATALOG = CORE + ".analysis.catalog.LiveCatalog";

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
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles()
                .ignoreDependency(name(DEPRECATED_LIVE_CATALOG), resideInAPackage(CORE + ".catalog.."))
                .check(core);
    }

    @Test
    void analysisAndTheGraphHoldNoJdbc() {
        noClasses().that().resideInAnyPackage(CORE + ".analysis..", CORE + ".graph..")
                .and().doNotHaveFullyQualifiedName(DEPRECATED_LIVE_CATALOG)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..", CORE + ".jdbc..")
                .because("analysing a definition and drawing the graph need no database: what they know of one comes "
                        + "as a CatalogSnapshot or as lineage rules, which the catalog package reads")
                .check(core);
    }

    @Test
    void theLibraryDoesNotUseItsTools() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage(TOOLS)
                .because("the command line, the benchmark, the demo and the embedded server are built on the library, not under it")
                .check(core);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage(CORE + ".cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(core);
    }
}
