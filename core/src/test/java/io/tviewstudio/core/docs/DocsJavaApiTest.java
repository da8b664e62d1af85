package io.tviewstudio.core.docs;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tviewstudio.core.api.TviewStudio;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reference/java-api.md and the facade agree, both ways: every verb of {@link TviewStudio} is
 * in the page and every verb the page names exists; every public type of the facade's packages
 * (api, health, jdbc) is described with all its fields and methods; every other type a verb
 * returns is at least named.
 */
class DocsJavaApiTest {

    private static final String[] FACADE_PACKAGES = {"io.tviewstudio.core.api", "io.tviewstudio.core.health",
            "io.tviewstudio.core.jdbc"};
    /** A verb in the first cell of a table row, or called on a facade in a code example. */
    private static final Pattern NAMED_VERB = Pattern.compile("^\\| `(?:TviewStudio\\.)?(\\w+)\\(|\\bstudio\\.(\\w+)\\(", Pattern.MULTILINE);

    private static String page() throws IOException {
        return Files.readString(Markdown.docsDir().resolve("reference").resolve("java-api.md"));
    }

    private static Set<String> verbs() {
        return Arrays.stream(TviewStudio.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The page section from the heading "One way in" to the next second-level heading. */
    private static String facadeSection(String page) {
        int start = page.indexOf("## One way in");
        int end = page.indexOf("\n## ", start + 1);
        assertThat(start).as("a section '## One way in' in java-api.md").isNotNegative();
        return page.substring(start, end < 0 ? page.length() : end);
    }

    @Test
    void everyVerbOfTheFacadeIsDocumented() throws IOException {
        String section = facadeSection(page());
        Set<String> missing = verbs().stream()
                .filter(verb -> !Pattern.compile("`(TviewStudio\\.)?" + verb + "\\(").matcher(section).find())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missing).as("verbs of TviewStudio without a `verb(...)` entry in java-api.md").isEmpty();
    }

    @Test
    void everyVerbThePageNamesExists() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher m = NAMED_VERB.matcher(facadeSection(page()));
        while (m.find()) {
            named.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        Matcher calls = Pattern.compile("\\bstudio\\.(\\w+)\\(").matcher(page());
        while (calls.find()) {
            named.add(calls.group(1));
        }
        assertThat(named).as("verbs named in java-api.md").isNotEmpty();
        named.removeAll(verbs());
        assertThat(named).as("verbs java-api.md names that TviewStudio does not have").isEmpty();
    }

    @Test
    void everyPublicTypeOfTheFacadePackagesIsDescribedInFull() throws IOException {
        String page = page();
        Set<String> missing = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(FACADE_PACKAGES)) {
            if (!type.getModifiers().contains(JavaModifier.PUBLIC) || type.isAnonymousClass()) {
                continue;
            }
            Class<?> reflected = type.reflect();
            if (!page.contains(reflected.getSimpleName())) {
                missing.add(type.getName());
            }
            Set<String> members = new TreeSet<>();
            if (reflected.isRecord()) {
                Arrays.stream(reflected.getRecordComponents()).map(RecordComponent::getName).forEach(members::add);
            }
            Arrays.stream(reflected.getDeclaredMethods())
                    .filter(method -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
                    .map(Method::getName)
                    .filter(name -> !Set.of("equals", "hashCode", "toString", "run").contains(name))
                    .forEach(members::add);
            for (String member : members) {
                if (!Pattern.compile("`(\\w+\\.)?" + member + "[`(]").matcher(page).find()) {
                    missing.add(type.getName() + "." + member);
                }
            }
        }
        assertThat(missing).as("public types and members of the facade's packages that java-api.md does not describe").isEmpty();
    }

    @Test
    void everyTypeAVerbReturnsIsNamed() throws IOException {
        String page = page();
        Set<String> missing = new TreeSet<>();
        for (Method verb : TviewStudio.class.getDeclaredMethods()) {
            if (Modifier.isPublic(verb.getModifiers())) {
                for (Class<?> type : classesOf(verb.getGenericReturnType())) {
                    if (type.getName().startsWith("io.tviewstudio.core.") && !page.contains(type.getSimpleName())) {
                        missing.add(verb.getName() + ": " + type.getName());
                    }
                }
            }
        }
        assertThat(missing).as("types returned by facade verbs that java-api.md never names").isEmpty();
    }

    private static Set<Class<?>> classesOf(Type type) {
        Set<Class<?>> classes = new java.util.HashSet<>();
        if (type instanceof Class<?> plain) {
            classes.add(plain);
        } else if (type instanceof ParameterizedType parameterized) {
            classes.addAll(classesOf(parameterized.getRawType()));
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> classes.addAll(classesOf(argument)));
        }
        return classes;
    }
}
