package io.tviewstudio.cli.architecture;

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
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command line is a thin shell over core's facade (docs/contributing/architecture.md), as rules
 * that fail the build (ArchUnit over the cli module's compiled main classes).
 */
class ArchitectureTest {

    private static final String CLI = "io.tviewstudio.cli";
    private static final String CORE = "io.tviewstudio.core";
    private static final String FACADE = CORE + ".api..";

    private static JavaClasses cli;

    @BeforeAll
    static void importCli() {
        cli = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CLI);
    }

    @Test
    void theCommandLineRunsNoSqlOfItsOwn() {
        noClasses().that().resideInAPackage(CLI + "..")
                .should().dependOnClassesThat(assignableTo(Statement.class).or(assignableTo(ResultSet.class)))
                .because("each verb's SQL lives once, in the library, where the app and other programs reach it too")
                .check(cli);
    }

    @Test
    void theCommandLineReachesTheDatabaseOnlyThroughTheFacade() {
        noClasses().that().resideInAPackage(CLI + "..")
                .should().callCodeUnitWhere(libraryCodeTakingAConnection())
                .because("every database verb of the command line is a verb of the facade (TviewStudio), so a program "
                        + "can do what tviews does; the library's pure parts (definitions, graphs, results) are used as they are")
                .check(cli);
    }

    /**
     * A method or constructor with a java.sql.Connection parameter (it works on a database) of any core
     * class but the facade's (a new library package is covered without being listed). The benchmark
     * (tools) and the embedded server are other modules: tviews bench hands them its connection.
     */
    private static DescribedPredicate<JavaCall<?>> libraryCodeTakingAConnection() {
        DescribedPredicate<JavaClass> library = resideInAPackage(CORE + "..").and(not(resideInAPackage(FACADE)));
        return new DescribedPredicate<>("a library method or constructor that takes a java.sql.Connection") {
            @Override
            public boolean test(JavaCall<?> call) {
                return library.test(call.getTargetOwner())
                        && call.getTarget().getRawParameterTypes().stream().anyMatch(type -> type.isEquivalentTo(Connection.class));
            }
        };
    }
}
