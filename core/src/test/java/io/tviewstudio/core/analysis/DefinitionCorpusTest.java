package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.InMemoryCatalog;
import io.tviewstudio.core.analysis.schema.RelationKind;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer over the corpus of definition files in {@code definitions/}: each file is one
 * {@code CREATE TVIEW} statement whose header states the exact diagnostics expected, one per line,
 * as {@code -- expect: LINE:COLUMN severity CODE} (positions in the whole file; several on one line
 * separated by commas, so that the header's length does not depend on their number), or
 * {@code -- expect: none}. A file named {@code valid-*} must have no diagnostic, {@code tvNNN-*} an
 * error TVNNN. Files are analysed against the blog catalog below; {@code -- catalog: offline}
 * analyses without one.
 */
class DefinitionCorpusTest {

    static final InMemoryCatalog BLOG = InMemoryCatalog.builder()
            .table("tb_user", "pk_user integer primary key, id uuid not null, name text not null")
            .table("tb_category", "pk_category integer primary key, id uuid not null, title text not null")
            .table("tb_post", "pk_post integer primary key, id uuid not null, fk_user integer not null, "
                    + "fk_category integer, title text not null, published boolean not null")
            .table("tb_comment", "pk_comment integer primary key, id uuid not null, fk_post integer not null, "
                    + "fk_user integer not null, fk_existing integer, body text not null")
            .table("v_tag", "x integer")
            .relation("pg_catalog.pg_class", RelationKind.TABLE, "oid oid, relname name")
            .relation("mv_user", RelationKind.MATERIALIZED_VIEW, "pk_user integer, id uuid, name text")
            .tview("tv_existing", "pk_existing integer primary key, id uuid not null, data jsonb")
            .build();

    static Stream<Named<Path>> files() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(DefinitionCorpusTest.class.getResource("/definitions")).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".sql")).sorted()
                    .map(f -> Named.of(f.getFileName().toString(), f)).toList().stream();
        }
    }

    @Test
    void theCorpusHoldsAtLeastFortyDefinitionsValidAndInvalid() throws Exception {
        List<String> names = files().map(Named::getName).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(40);
        assertThat(names).filteredOn(n -> n.startsWith("valid-")).hasSizeGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void analyzerReportsExactlyTheExpectedDiagnostics(Path file) {
        String text = read(file);
        List<String> expected = text.lines().filter(l -> l.startsWith("-- expect:"))
                .flatMap(l -> Stream.of(l.substring("-- expect:".length()).split(","))).map(String::strip)
                .filter(e -> !e.equals("none")).toList();
        CatalogSnapshot catalog = text.lines().anyMatch(l -> l.strip().equals("-- catalog: offline")) ? CatalogSnapshot.offline() : BLOG;

        List<String> actual = DefinitionAnalyzer.analyze(text, catalog).diagnostics().stream()
                .map(d -> d.line() + ":" + d.column() + " " + d.severity().name().toLowerCase(Locale.ROOT) + " " + d.code())
                .toList();

        assertThat(actual).as("%s: %s", file.getFileName(), actual).isEqualTo(expected);
        String name = file.getFileName().toString();
        if (name.startsWith("valid-")) {
            assertThat(actual).as(name).isEmpty();
        } else if (name.matches("tv\\d{3}-.*")) {
            assertThat(actual).as(name).contains(expected.stream().filter(e -> e.endsWith(" error " + name.substring(0, 5)
                    .toUpperCase(Locale.ROOT))).findFirst().orElse("an error " + name.substring(0, 5).toUpperCase(Locale.ROOT)));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
