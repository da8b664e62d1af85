package io.tviewstudio.core.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
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
            CORE + ".deploy..", CORE + ".graph..", CORE + ".health..", CORE + ".jdbc..", CORE + ".metrics..", CORE + ".migrate..",
            CORE + ".inspect..", CORE + ".playbook..", CORE + ".runtime.."};

    /** The facade: the one way into the library for a database, over all of it. */
    private static final String FACADE = CORE + ".api..";

    /** Tools built on the library, which the library itself never needs. */
    private static final String[] TOOLS = {CORE + ".cli..", CORE + ".bench..", CORE + ".demo..", CORE + ".embedded.."};

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

    @Test
    void theLibraryDoesNotUseTheFacade() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAPackage(FACADE)
                .because("the facade sits on top of the library and only delegates to it")
                .check(core);
    }

    @Test
    void theCommandLineRunsNoSqlOfItsOwn() {
        noClasses().that().resideInAPackage(CORE + ".cli..")
                .should().dependOnClassesThat(assignableTo(Statement.class).or(assignableTo(ResultSet.class)))
                .because("each verb's SQL lives once, in the library, where the app and other programs reach it too")
                .check(core);
    }

    @Test
    void theCommandLineReachesTheDatabaseOnlyThroughTheFacade() {
        noClasses().that().resideInAPackage(CORE + ".cli..")
                .should().callCodeUnitWhere(libraryCodeTakingAConnection())
                .because("every database verb of the command line is a verb of the facade (TviewStudio), so a program "
                        + "can do what tviews does; the library's pure parts (definitions, graphs, results) are used as they are")
                .check(core);
    }

    /**
     * A method or constructor with a java.sql.Connection parameter (it works on a database) of any core
     * class but the facade's and the tools' (a new library package is covered without being listed).
     */
    private static DescribedPredicate<JavaCall<?>> libraryCodeTakingAConnection() {
        DescribedPredicate<JavaClass> library = resideInAPackage(CORE + "..").and(not(resideInAnyPackage(FACADE)))
                .and(not(resideInAnyPackage(TOOLS)));
        return new DescribedPredicate<>("a library method or constructor that takes a java.sql.Connection") {
            @Override
            public boolean test(JavaCall<?> call) {
                return library.test(call.getTargetOwner())
                        && call.getTarget().getRawParameterTypes().stream().anyMatch(type -> type.isEquivalentTo(Connection.class));
            }
        };
    }
}
