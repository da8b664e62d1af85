package io.tviewstudio.app.architecture;

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
 * How the desktop app may use the core library, as rules that fail the build (ArchUnit over the
 * app's compiled main classes; docs/contributing/architecture.md describes them). The app reaches a
 * database only through the facade {@code core.api.TviewStudio}; what it gets back (the library's
 * result and value types) it uses as it is.
 */
class ArchitectureTest {

    private static final String APP = "io.tviewstudio.app";
    private static final String CORE = "io.tviewstudio.core";
    private static final String FACADE = CORE + ".api..";

    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(APP);
    }

    @Test
    void theAppReachesTheDatabaseOnlyThroughTheFacade() {
        noClasses().that().resideInAPackage(APP + "..")
                .should().callCodeUnitWhere(libraryCodeTakingAConnection())
                .because("each database verb's SQL lives once, behind TviewStudio, where the command line and other "
                        + "programs reach it too; the app uses what a verb returns as it is")
                .check(app);
    }

    @Test
    void theAppsPackagesHaveNoCycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(app);
    }

    @Test
    void theAppRunsNoSqlOfItsOwn() {
        noClasses().that().resideInAPackage(APP + "..")
                .should().dependOnClassesThat(assignableTo(Statement.class).or(assignableTo(ResultSet.class)))
                .because("every statement the app runs is a verb of the facade")
                .check(app);
    }

    @Test
    void theAppDoesNotUseTheDriver() {
        noClasses().that().resideInAPackage(APP + "..")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
                .because("what a database error says is read once, by core.jdbc.DatabaseError, and what the driver "
                        + "does beyond plain JDBC (cancelling a statement, COPY) is a verb of the facade")
                .check(app);
    }

    @Test
    void theAppUsesAConnectionOnlyToHandItToTheFacade() {
        noClasses().that().resideInAPackage(APP + "..")
                .should().callMethodWhere(connectionMethodOtherThanClose())
                .because("a connection is opened (by core.connect.Connector or the demo), handed to TviewStudio.on and "
                        + "closed: its transactions, settings and metadata are the library's business, behind a verb")
                .check(app);
    }

    @Test
    void theAppHasNoGraphAlgorithmOfItsOwn() {
        noClasses().that().resideInAPackage(APP + "..")
                .should().dependOnClassesThat().resideInAPackage("org.jgrapht..")
                .because("the dependency graph is one model, core's DependencyGraph: its cycles, impact and order are "
                        + "the ones the command line prints; the app draws it (ELK lays it out) and asks it")
                .check(app);
    }

    @Test
    void viewsHoldNoJdbc() {
        noClasses().that(views())
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.postgresql..")
                .because("a view shows a view-model's state and forwards events; the database is the view-model's "
                        + "business, through the facade")
                .check(app);
    }

    @Test
    void viewModelsNeitherPostToTheFxThreadNorHoldSceneClasses() {
        noClasses().that(viewModels())
                .should().dependOnClassesThat().haveFullyQualifiedName("javafx.application.Platform")
                .orShould().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .because("a view-model takes the UI thread as an Executor (the view passes Platform::runLater, a test "
                        + "a direct or recording one) and holds state, not nodes")
                .check(app);
    }

    @Test
    void theDatabaseMenuDoesNotReachIntoTheMainWindowsNodes() {
        noClasses().that().haveFullyQualifiedName(APP + ".DatabaseMenu")
                .should().dependOnClassesThat().haveFullyQualifiedName(APP + ".MainWindowView")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.scene.control.TabPane")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.scene.control.Tab")
                .because("the window that owns the tool windows is handed to the menu, and which work area the main "
                        + "window shows is MainWindowViewModel's state, which the view binds its tabs to")
                .check(app);
    }

    /**
     * The view-models: classes named {@code *ViewModel}, and {@code EditorDeployment} (the editor's
     * view-model for its database actions), with their nested and anonymous classes.
     */
    private static DescribedPredicate<JavaClass> viewModels() {
        return DescribedPredicate.describe("view-models (named *ViewModel, and EditorDeployment)", type -> {
            String name = type.getName();
            String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
            return outer.endsWith("ViewModel") || outer.equals(APP + ".editor.EditorDeployment");
        });
    }

    /** A view: a class named {@code *View}, or any JavaFX node of the app's own (panes, charts, cells). */
    private static DescribedPredicate<JavaClass> views() {
        return DescribedPredicate.describe("views (named *View, or JavaFX nodes)",
                type -> type.getSimpleName().endsWith("View") || type.isAssignableTo("javafx.scene.Node"));
    }

    /**
     * A method or constructor of any core class but the facade's (a new library package is covered
     * without being listed) that works on a database: it takes a java.sql.Connection, or a source of
     * them (an interface whose method returns one, as the metrics sampler's). The demo database
     * (io.tviewstudio.tools.demo) and the embedded server (io.tviewstudio.embedded) are other modules,
     * outside core: they start a server and hand out connections to it, they are not database verbs.
     */
    private static DescribedPredicate<JavaCall<?>> libraryCodeTakingAConnection() {
        DescribedPredicate<JavaClass> library = resideInAPackage(CORE + "..")
                .and(not(resideInAnyPackage(FACADE)));
        return new DescribedPredicate<>("a core method or constructor, outside the facade, that takes a java.sql.Connection "
                + "or a source of them") {
            @Override
            public boolean test(JavaCall<?> call) {
                return library.test(call.getTargetOwner())
                        && call.getTarget().getRawParameterTypes().stream().anyMatch(ArchitectureTest::isConnectionOrItsSource);
            }
        };
    }

    /** A method of java.sql.Connection (or of a type that extends it) but {@code close}. */
    private static DescribedPredicate<JavaCall<?>> connectionMethodOtherThanClose() {
        return DescribedPredicate.describe("a method of java.sql.Connection other than close()",
                call -> call.getTargetOwner().isAssignableTo(Connection.class) && !call.getName().equals("close"));
    }

    private static boolean isConnectionOrItsSource(JavaClass type) {
        return type.isEquivalentTo(Connection.class) || type.isInterface()
                && type.getMethods().stream().anyMatch(method -> method.getRawReturnType().isEquivalentTo(Connection.class));
    }
}
